// Lua 5.4 benchmark driver (plugin-bench.sh, section 4): a Lua state with the
// standard libraries runs the script below, which does some of everything
// an embedded Lua does: table-heavy code, string building and matching,
// closures, a recursive function, sorting with a Lua comparator. An optional
// argument N scales the work (default 1). Lua's errors would longjmp, which
// wasi-libc cannot do (the build turns them into a trap): the script raises
// none.
#include <stdio.h>
#include <stdlib.h>

// wasi-libc declares but does not define these (no processes, no temporary
// files); Lua's os and io libraries refer to them. The script calls none.
int system(const char *command) { return command ? -1 : 0; }
char *tmpnam(char *s) { (void)s; return NULL; }
FILE *tmpfile(void) { return NULL; }

#include "lauxlib.h"
#include "lua.h"
#include "lualib.h"

static const char script[] =
    "local n = tonumber(...) or 1\n"
    "local function fib(k) if k < 2 then return k end return fib(k - 1) + fib(k - 2) end\n"
    "local acc = 0\n"
    "for round = 1, n do\n"
    "  -- tables: a word histogram over generated text\n"
    "  local words, parts = {}, {}\n"
    "  for i = 1, 3000 do parts[#parts + 1] = 'w' .. (i * 7919 % 211) end\n"
    "  local text = table.concat(parts, ' ')\n"
    "  for w in text:gmatch('%a%d+') do words[w] = (words[w] or 0) + 1 end\n"
    "  local keys = {}\n"
    "  for k in pairs(words) do keys[#keys + 1] = k end\n"
    "  table.sort(keys, function(a, b) if words[a] ~= words[b] then return words[a] > words[b] end return a < b end)\n"
    "  acc = acc + #keys + words[keys[1]]\n"
    "  -- closures and varargs\n"
    "  local function counter() local c = 0 return function(d) c = c + (d or 1) return c end end\n"
    "  local c = counter()\n"
    "  for i = 1, 20000 do c(i % 3) end\n"
    "  acc = acc + c(0)\n"
    "  -- string formatting and gsub\n"
    "  local s = string.format('%d:%s:%5.2f', round, string.rep('ab', 50), round / 3)\n"
    "  acc = acc + #s:gsub('ab', 'xyz')\n"
    "  -- recursion\n"
    "  acc = acc + fib(20)\n"
    "  -- a matrix product\n"
    "  local m = {}\n"
    "  for i = 1, 30 do m[i] = {} for j = 1, 30 do m[i][j] = (i * j) % 17 end end\n"
    "  local p = {}\n"
    "  for i = 1, 30 do p[i] = {} for j = 1, 30 do local x = 0 for k = 1, 30 do x = x + m[i][k] * m[k][j] end p[i][j] = x end end\n"
    "  acc = acc + p[30][30]\n"
    "end\n"
    "print(string.format('lua %s: rounds=%d acc=%d', _VERSION, n, acc))\n";

int main(int argc, char **argv) {
  lua_State *L = luaL_newstate();
  if (!L) return 1;
  luaL_openlibs(L);
  if (luaL_loadbuffer(L, script, sizeof script - 1, "bench") != LUA_OK) {
    printf("load error: %s\n", lua_tostring(L, -1));
    return 1;
  }
  lua_pushstring(L, argc > 1 ? argv[1] : "1");
  if (lua_pcall(L, 1, 0, 0) != LUA_OK) {
    printf("error: %s\n", lua_tostring(L, -1));
    return 1;
  }
  lua_close(L);
  return 0;
}
