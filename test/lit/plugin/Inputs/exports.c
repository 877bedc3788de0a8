// Exports of every kind; each exported function must be a thunk.
volatile int ex_sink;
// Exported with -Wl,--export=by_flag.
int by_flag(int x) { ex_sink = x; return x + 1; }
// Exported with -Wl,--export-dynamic (default visibility).
__attribute__((visibility("default"))) int by_visibility(int x) { return by_flag(x) * 2; }
// export_name, under its own name and under another one.
__attribute__((export_name("by_attr"))) int by_attr(int x) { return by_visibility(x) - 1; }
__attribute__((export_name("renamed_export"))) long long internal_name(long long x) { return x << 3; }
// Exported with -Wl,--export-dynamic only if hidden visibility is not used.
__attribute__((visibility("hidden"))) int hidden_fn(int x) { return x ^ 1; }
