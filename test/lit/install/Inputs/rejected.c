// Compiled WITHOUT the plugin: its call is uninstrumented and it has no
// counter, so stackcap's verifier rejects it.
__attribute__((noinline)) int helper(int x) { return x * 7; }
__attribute__((export_name("entry"))) int entry(int x) { return helper(x) + helper(x + 1); }
