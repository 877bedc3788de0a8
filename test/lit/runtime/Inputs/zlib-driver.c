// zlib driver: compress/uncompress, deflate/inflate streams at several
// levels and window sizes (raw, zlib and gzip wrappers), crc32 and adler32.
// Input: generated text plus whatever arrives on stdin.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static unsigned char *make_input(size_t *len) {
  size_t cap = 1 << 16, n = 0;
  unsigned char *buf = malloc(cap);
  unsigned seed = 7;
  for (int i = 0; i < 1500; i++) {
    seed = seed * 1664525u + 1013904223u;
    n += (size_t)snprintf((char *)buf + n, cap - n, "line %d: the stack limit is %u; ", i,
                          seed >> 20);
    if (i % 7 == 0) buf[n++] = '\n';
    if (cap - n < 128) buf = realloc(buf, cap *= 2);
  }
  size_t got;
  while ((got = fread(buf + n, 1, cap - n, stdin)) > 0) {
    n += got;
    if (cap - n < 128) buf = realloc(buf, cap *= 2);
  }
  *len = n;
  return buf;
}

static int stream_round_trip(const unsigned char *in, size_t len, int level, int bits,
                             int strategy) {
  z_stream s;
  memset(&s, 0, sizeof s);
  if (deflateInit2(&s, level, Z_DEFLATED, bits, 8, strategy) != Z_OK) return -1;
  size_t cap = deflateBound(&s, len);
  unsigned char *comp = malloc(cap);
  s.next_in = (unsigned char *)in;
  s.next_out = comp;
  // Feed in small pieces to exercise the streaming state machine.
  size_t fed = 0;
  int ret;
  do {
    size_t piece = len - fed < 1000 ? len - fed : 1000;
    s.avail_in = (uInt)piece;
    s.next_in = (unsigned char *)in + fed;
    fed += piece;
    s.avail_out = (uInt)(cap - s.total_out);
    ret = deflate(&s, fed == len ? Z_FINISH : Z_NO_FLUSH);
  } while (ret == Z_OK);
  size_t clen = s.total_out;
  deflateEnd(&s);
  if (ret != Z_STREAM_END) return -2;

  unsigned char *back = malloc(len + 1);
  memset(&s, 0, sizeof s);
  if (inflateInit2(&s, bits) != Z_OK) return -3;
  s.next_in = comp;
  s.avail_in = (uInt)clen;
  s.next_out = back;
  size_t out = 0;
  do {
    s.avail_out = 777; // small output windows
    if (out + 777 > len + 1) s.avail_out = (uInt)(len + 1 - out);
    ret = inflate(&s, Z_NO_FLUSH);
    out = s.total_out;
  } while (ret == Z_OK);
  inflateEnd(&s);
  int ok = ret == Z_STREAM_END && out == len && memcmp(in, back, len) == 0;
  printf("level=%d bits=%d strategy=%d: %zu -> %zu bytes, crc32=%08lx, %s\n", level, bits,
         strategy, len, clen, crc32(0, comp, (uInt)clen), ok ? "round trip ok" : "MISMATCH");
  free(comp);
  free(back);
  return ok ? 0 : -4;
}

int main(void) {
  size_t len;
  unsigned char *in = make_input(&len);
  printf("zlib %s, input %zu bytes, crc32=%08lx adler32=%08lx\n", zlibVersion(), len,
         crc32(0, in, (uInt)len), adler32(1, in, (uInt)len));
  // crc32_combine: crc of two halves combined equals crc of the whole.
  uLong c1 = crc32(0, in, (uInt)(len / 2));
  uLong c2 = crc32(0, in + len / 2, (uInt)(len - len / 2));
  printf("crc32_combine=%08lx\n", crc32_combine(c1, c2, (z_off_t)(len - len / 2)));

  uLongf clen = compressBound(len);
  unsigned char *comp = malloc(clen);
  int r = compress2(comp, &clen, in, len, Z_BEST_COMPRESSION);
  unsigned char *back = malloc(len);
  uLongf blen = len;
  int r2 = uncompress(back, &blen, comp, clen);
  printf("compress2: %d, %zu bytes; uncompress: %d, %lu bytes, equal=%d\n", r, (size_t)clen, r2,
         blen, blen == len && !memcmp(back, in, len));
  // A corrupted stream is detected.
  comp[clen / 2] ^= 0x55;
  blen = len;
  printf("corrupted: uncompress=%d\n", uncompress(back, &blen, comp, clen));

  int fails = 0;
  int levels[] = {0, 1, 6, 9};
  for (int i = 0; i < 4; i++) fails += stream_round_trip(in, len, levels[i], 15, Z_DEFAULT_STRATEGY) != 0;
  fails += stream_round_trip(in, len, 6, -9, Z_DEFAULT_STRATEGY) != 0;     // raw deflate
  fails += stream_round_trip(in, len, 6, 31, Z_FILTERED) != 0;             // gzip wrapper
  fails += stream_round_trip(in, len, 3, 12, Z_HUFFMAN_ONLY) != 0;
  fails += stream_round_trip(in, len, 9, 15, Z_RLE) != 0;
  printf("failures=%d\n", fails);
  return fails ? 1 : 0;
}
