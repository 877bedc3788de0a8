// expat driver: parses an XML document from stdin in small chunks, counting
// elements, attributes, character data, processing instructions, comments
// and namespaces, and prints an indented outline of the first elements.
// A second, malformed document must fail with a line/column error.
#include <expat.h>
#include <stdio.h>
#include <string.h>

struct stats {
  int depth, max_depth, elements, attributes, pis, comments, ns_decls, cdata_sections;
  long text_bytes;
  int outlined;
  char longest[64];
};

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts) {
  struct stats *s = ud;
  s->elements++;
  int n = 0;
  for (const XML_Char **a = atts; *a; a += 2) n++;
  s->attributes += n;
  if (s->outlined < 12) {
    printf("%*s<%s> (%d attributes", s->depth * 2, "", name, n);
    for (const XML_Char **a = atts; *a; a += 2) printf(" %s=\"%s\"", a[0], a[1]);
    printf(")\n");
    s->outlined++;
  }
  if (strlen(name) > strlen(s->longest) && strlen(name) < sizeof s->longest)
    strcpy(s->longest, name);
  if (++s->depth > s->max_depth) s->max_depth = s->depth;
}
static void XMLCALL on_end(void *ud, const XML_Char *name) {
  (void)name;
  ((struct stats *)ud)->depth--;
}
static void XMLCALL on_text(void *ud, const XML_Char *t, int len) {
  (void)t;
  ((struct stats *)ud)->text_bytes += len;
}
static void XMLCALL on_pi(void *ud, const XML_Char *target, const XML_Char *data) {
  printf("processing instruction %s: %s\n", target, data);
  ((struct stats *)ud)->pis++;
}
static void XMLCALL on_comment(void *ud, const XML_Char *data) {
  (void)data;
  ((struct stats *)ud)->comments++;
}
static void XMLCALL on_ns(void *ud, const XML_Char *prefix, const XML_Char *uri) {
  printf("namespace %s -> %s\n", prefix ? prefix : "(default)", uri);
  ((struct stats *)ud)->ns_decls++;
}
static void XMLCALL on_cdata(void *ud) { ((struct stats *)ud)->cdata_sections++; }

static XML_Parser make_parser(struct stats *s) {
  XML_Parser p = XML_ParserCreateNS(NULL, '|');
  XML_SetUserData(p, s);
  XML_SetElementHandler(p, on_start, on_end);
  XML_SetCharacterDataHandler(p, on_text);
  XML_SetProcessingInstructionHandler(p, on_pi);
  XML_SetCommentHandler(p, on_comment);
  XML_SetNamespaceDeclHandler(p, on_ns, NULL);
  XML_SetStartCdataSectionHandler(p, on_cdata);
  return p;
}

int main(void) {
  XML_Expat_Version v = XML_ExpatVersionInfo();
  printf("expat %d.%d.%d\n", v.major, v.minor, v.micro);
  struct stats s;
  memset(&s, 0, sizeof s);
  XML_Parser p = make_parser(&s);
  char buf[97]; // odd chunk size: tokens straddle chunk boundaries
  size_t n;
  int ok = 1;
  long total = 0;
  do {
    n = fread(buf, 1, sizeof buf, stdin);
    total += (long)n;
    if (XML_Parse(p, buf, (int)n, n == 0) == XML_STATUS_ERROR) {
      printf("error: %s at line %lu column %lu\n", XML_ErrorString(XML_GetErrorCode(p)),
             XML_GetCurrentLineNumber(p), XML_GetCurrentColumnNumber(p));
      ok = 0;
      break;
    }
  } while (n > 0);
  XML_ParserFree(p);
  printf("read %ld bytes: elements=%d attributes=%d max_depth=%d text_bytes=%ld pis=%d "
         "comments=%d ns_decls=%d cdata=%d longest=%s\n",
         total, s.elements, s.attributes, s.max_depth, s.text_bytes, s.pis, s.comments,
         s.ns_decls, s.cdata_sections, s.longest);

  // A malformed document: mismatched tag.
  const char *bad = "<?xml version=\"1.0\"?>\n<a>\n  <b>text</c>\n</a>\n";
  struct stats s2;
  memset(&s2, 0, sizeof s2);
  s2.outlined = 100;
  p = make_parser(&s2);
  if (XML_Parse(p, bad, (int)strlen(bad), 1) == XML_STATUS_ERROR)
    printf("malformed: %s at line %lu column %lu\n", XML_ErrorString(XML_GetErrorCode(p)),
           XML_GetCurrentLineNumber(p), XML_GetCurrentColumnNumber(p));
  XML_ParserFree(p);
  return ok ? 0 : 1;
}
