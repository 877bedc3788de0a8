//===- bench-run.cpp - Time a command's whole process, N times -----------===//
//
// Part of stackcap's benchmarks (not a test).
//
//   stackcap-bench-run RUNS CMD [ARGS...]
//
// Runs CMD RUNS times (after one untimed warm-up run), its stdout and stderr
// sent to /dev/null, and prints one line:
//   median_ms=M min_ms=M max_rss_kib=K exit=E
// Wall time is measured around fork/exec/wait4 with CLOCK_MONOTONIC; the
// max RSS is the largest ru_maxrss that wait4 reports over the runs. Exits 1
// when CMD's exit status differs between runs, 2 on usage or system errors.
//
//===----------------------------------------------------------------------===//
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <vector>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

struct RunResult {
  double Ms;
  long MaxRssKiB;
  int Status;
};

bool runOnce(char **Argv, RunResult &R) {
  timespec Start, End;
  clock_gettime(CLOCK_MONOTONIC, &Start);
  pid_t Pid = fork();
  if (Pid < 0) {
    std::perror("stackcap-bench-run: fork");
    return false;
  }
  if (Pid == 0) {
    int Null = open("/dev/null", O_WRONLY);
    if (Null >= 0) {
      dup2(Null, 1);
      dup2(Null, 2);
    }
    execvp(Argv[0], Argv);
    _exit(127);
  }
  int Status = 0;
  rusage Usage{};
  while (wait4(Pid, &Status, 0, &Usage) < 0) {
    if (errno != EINTR) {
      std::perror("stackcap-bench-run: wait4");
      return false;
    }
  }
  clock_gettime(CLOCK_MONOTONIC, &End);
  R.Ms = (End.tv_sec - Start.tv_sec) * 1e3 + (End.tv_nsec - Start.tv_nsec) / 1e6;
  R.MaxRssKiB = Usage.ru_maxrss;
  R.Status = WIFEXITED(Status) ? WEXITSTATUS(Status) : 128 + WTERMSIG(Status);
  return true;
}

} // namespace

int main(int Argc, char **Argv) {
  int Runs = Argc > 2 ? std::atoi(Argv[1]) : 0;
  if (Runs <= 0) {
    std::fprintf(stderr, "usage: stackcap-bench-run RUNS CMD [ARGS...]\n");
    return 2;
  }
  char **Cmd = Argv + 2;
  RunResult Warm;
  if (!runOnce(Cmd, Warm))
    return 2;
  std::vector<double> Ms;
  long MaxRss = Warm.MaxRssKiB;
  for (int I = 0; I < Runs; ++I) {
    RunResult R;
    if (!runOnce(Cmd, R))
      return 2;
    if (R.Status != Warm.Status) {
      std::fprintf(stderr, "stackcap-bench-run: %s exited with %d, then with %d\n", Cmd[0],
                   Warm.Status, R.Status);
      return 1;
    }
    Ms.push_back(R.Ms);
    MaxRss = std::max(MaxRss, R.MaxRssKiB);
  }
  std::sort(Ms.begin(), Ms.end());
  size_t N = Ms.size();
  double Median = N % 2 ? Ms[N / 2] : (Ms[N / 2 - 1] + Ms[N / 2]) / 2;
  std::printf("median_ms=%.3f min_ms=%.3f max_rss_kib=%ld exit=%d\n", Median, Ms[0], MaxRss,
              Warm.Status);
  return 0;
}
