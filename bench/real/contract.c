// A contract-like workload (plugin-bench.sh, section 4): a token contract
// over a key-value store, driven by N transfer transactions (argument N,
// default 2000). Each transaction is LEB128-encoded, decoded, authenticated
// with a SHA-256 over its encoding, applied to balances kept in an
// open-addressing hash table (FNV-1a keys), and its receipt is hex-encoded
// and folded into a running state root (SHA-256 again). Prints the state
// root and a few balances. Plain C, no allocation after start-up.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// --- SHA-256 -----------------------------------------------------------------
typedef struct {
  uint32_t h[8];
  uint8_t buf[64];
  uint64_t len;
  unsigned fill;
} sha256_ctx;

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
    0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
    0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
    0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
    0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
    0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2};

static uint32_t ror(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

static void sha256_block(sha256_ctx *c, const uint8_t *p) {
  uint32_t w[64], a, b, d, e, f, g, h, cc;
  for (int i = 0; i < 16; i++)
    w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 |
           p[4 * i + 3];
  for (int i = 16; i < 64; i++) {
    uint32_t s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
    uint32_t s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  a = c->h[0], b = c->h[1], cc = c->h[2], d = c->h[3];
  e = c->h[4], f = c->h[5], g = c->h[6], h = c->h[7];
  for (int i = 0; i < 64; i++) {
    uint32_t t1 = h + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
    uint32_t t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & cc) ^ (b & cc));
    h = g, g = f, f = e, e = d + t1, d = cc, cc = b, b = a, a = t1 + t2;
  }
  c->h[0] += a, c->h[1] += b, c->h[2] += cc, c->h[3] += d;
  c->h[4] += e, c->h[5] += f, c->h[6] += g, c->h[7] += h;
}

static void sha256_init(sha256_ctx *c) {
  static const uint32_t iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  memcpy(c->h, iv, sizeof iv);
  c->len = 0, c->fill = 0;
}

static void sha256_update(sha256_ctx *c, const void *data, size_t n) {
  const uint8_t *p = data;
  c->len += n;
  while (n) {
    unsigned take = 64 - c->fill < n ? 64 - c->fill : (unsigned)n;
    memcpy(c->buf + c->fill, p, take);
    c->fill += take, p += take, n -= take;
    if (c->fill == 64) sha256_block(c, c->buf), c->fill = 0;
  }
}

static void sha256_final(sha256_ctx *c, uint8_t out[32]) {
  uint64_t bits = c->len * 8;
  uint8_t pad = 0x80, zero = 0, lenbuf[8];
  sha256_update(c, &pad, 1);
  while (c->fill != 56) sha256_update(c, &zero, 1);
  for (int i = 0; i < 8; i++) lenbuf[i] = (uint8_t)(bits >> (56 - 8 * i));
  sha256_update(c, lenbuf, 8);
  for (int i = 0; i < 8; i++)
    out[4 * i] = c->h[i] >> 24, out[4 * i + 1] = c->h[i] >> 16, out[4 * i + 2] = c->h[i] >> 8,
    out[4 * i + 3] = (uint8_t)c->h[i];
}

// --- encodings ---------------------------------------------------------------
static size_t leb_put(uint8_t *p, uint64_t v) {
  size_t n = 0;
  do {
    uint8_t b = v & 0x7f;
    v >>= 7;
    p[n++] = b | (v ? 0x80 : 0);
  } while (v);
  return n;
}

static size_t leb_get(const uint8_t *p, uint64_t *v) {
  size_t n = 0;
  int shift = 0;
  *v = 0;
  for (;;) {
    uint8_t b = p[n++];
    *v |= (uint64_t)(b & 0x7f) << shift;
    if (!(b & 0x80)) return n;
    shift += 7;
  }
}

static void hex(char *out, const uint8_t *p, size_t n) {
  static const char digits[] = "0123456789abcdef";
  for (size_t i = 0; i < n; i++) out[2 * i] = digits[p[i] >> 4], out[2 * i + 1] = digits[p[i] & 15];
  out[2 * n] = 0;
}

// --- the key-value store: account -> balance ---------------------------------
#define SLOTS 8192
typedef struct {
  uint8_t key[20];
  uint8_t used;
  uint64_t balance, nonce;
} slot;
static slot store[SLOTS];

static uint32_t fnv1a(const uint8_t *p, size_t n) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 16777619u;
  return h;
}

static slot *lookup(const uint8_t key[20], int create) {
  for (uint32_t i = fnv1a(key, 20) % SLOTS, probes = 0; probes < SLOTS; i = (i + 1) % SLOTS, probes++) {
    if (store[i].used && memcmp(store[i].key, key, 20) == 0) return &store[i];
    if (!store[i].used) {
      if (!create) return 0;
      memcpy(store[i].key, key, 20);
      store[i].used = 1;
      return &store[i];
    }
  }
  return 0;
}

static void account(uint8_t key[20], uint32_t id) {
  uint8_t seed[4] = {id >> 24, id >> 16, id >> 8, (uint8_t)id}, d[32];
  sha256_ctx c;
  sha256_init(&c);
  sha256_update(&c, seed, 4);
  sha256_final(&c, d);
  memcpy(key, d, 20);
}

// --- the contract ------------------------------------------------------------
typedef struct {
  uint8_t from[20], to[20];
  uint64_t amount, nonce;
  uint8_t auth[32];
} tx;

static size_t encode_tx(uint8_t *p, const tx *t) {
  size_t n = 0;
  memcpy(p, t->from, 20), n += 20;
  memcpy(p + n, t->to, 20), n += 20;
  n += leb_put(p + n, t->amount);
  n += leb_put(p + n, t->nonce);
  return n;
}

static size_t decode_tx(const uint8_t *p, tx *t) {
  size_t n = 0;
  memcpy(t->from, p, 20), n += 20;
  memcpy(t->to, p + 20, 20), n += 20;
  n += leb_get(p + n, &t->amount);
  n += leb_get(p + n, &t->nonce);
  return n;
}

static void authenticate(uint8_t out[32], const uint8_t *msg, size_t n) {
  static const uint8_t secret[] = "stackcap-bench-key";
  sha256_ctx c;
  sha256_init(&c);
  sha256_update(&c, secret, sizeof secret - 1);
  sha256_update(&c, msg, n);
  sha256_final(&c, out);
}

enum { OK, BAD_AUTH, BAD_NONCE, NO_FUNDS };

static int apply(const uint8_t *wire, size_t n, const uint8_t auth[32]) {
  tx t;
  uint8_t check[32];
  if (decode_tx(wire, &t) != n) return BAD_AUTH;
  authenticate(check, wire, n);
  if (memcmp(check, auth, 32)) return BAD_AUTH;
  slot *from = lookup(t.from, 1), *to = lookup(t.to, 1);
  if (t.nonce != from->nonce) return BAD_NONCE;
  if (from->balance < t.amount) return NO_FUNDS;
  from->balance -= t.amount, from->nonce++;
  to->balance += t.amount;
  return OK;
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 2000;
  enum { ACCOUNTS = 512 };
  static uint8_t keys[ACCOUNTS][20];
  for (uint32_t i = 0; i < ACCOUNTS; i++) {
    account(keys[i], i);
    lookup(keys[i], 1)->balance = 1000000;
  }
  uint8_t root[32] = {0}, wire[64];
  char receipt[2 * (64 + 32) + 16];
  int status[4] = {0};
  uint32_t rng = 12345;
  for (int k = 0; k < n; k++) {
    tx t;
    rng = rng * 1664525u + 1013904223u;
    uint32_t a = (rng >> 8) % ACCOUNTS, b = (rng >> 20) % ACCOUNTS;
    memcpy(t.from, keys[a], 20), memcpy(t.to, keys[b], 20);
    t.amount = (rng >> 4) % 5000 + 1;
    slot *s = lookup(t.from, 0);
    t.nonce = s->nonce + (k % 97 == 0); // now and then a replayed/bad nonce
    size_t len = encode_tx(wire, &t);
    authenticate(t.auth, wire, len);
    if (k % 89 == 0) t.auth[k % 32] ^= 1; // now and then a forged signature
    int st = apply(wire, len, t.auth);
    status[st]++;
    // receipt: hex(wire) ":" status ":" hex(auth), folded into the state root
    hex(receipt, wire, len);
    size_t r = 2 * len;
    receipt[r++] = ':', receipt[r++] = (char)('0' + st), receipt[r++] = ':';
    hex(receipt + r, t.auth, 32);
    sha256_ctx c;
    sha256_init(&c);
    sha256_update(&c, root, 32);
    sha256_update(&c, receipt, strlen(receipt));
    sha256_final(&c, root);
  }
  char roothex[65];
  hex(roothex, root, 32);
  printf("contract: %d transfers: ok=%d bad_auth=%d bad_nonce=%d no_funds=%d\n", n, status[OK],
         status[BAD_AUTH], status[BAD_NONCE], status[NO_FUNDS]);
  printf("state root %s\n", roothex);
  for (int i = 0; i < 4; i++)
    printf("account %d: balance %llu nonce %llu\n", i,
           (unsigned long long)lookup(keys[i], 0)->balance, (unsigned long long)lookup(keys[i], 0)->nonce);
  return 0;
}
