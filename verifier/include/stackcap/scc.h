//===- scc.h - Strongly connected components of a call graph ----*- C++ -*-===//
//
// Part of stackcap. Header-only, so that the compiler plugin (which decides
// what profile lean checks), the link step (which may demote what the linked
// module shows needs no check) and the verifier (which reports recursions)
// share one definition of "in a cycle".
//
//===----------------------------------------------------------------------===//
#ifndef STACKCAP_SCC_H
#define STACKCAP_SCC_H

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace stackcap {

/// Tarjan's algorithm, iterative, on the graph of nodes 0 .. N-1 whose
/// successors of V are the range Succ(V). Returns each node's component and
/// sets \p NumComps. Components are numbered in reverse topological order:
/// every edge goes to a component numbered lower, or to its own.
template <typename SuccFn>
std::vector<uint32_t> stronglyConnectedComponents(uint32_t N, SuccFn &&Succ, uint32_t &NumComps) {
  constexpr uint32_t None = UINT32_MAX;
  std::vector<uint32_t> Index(N, None), Low(N), Comp(N, None), Stack;
  std::vector<std::pair<uint32_t, size_t>> Work; // node, next successor
  uint32_t Next = 0;
  NumComps = 0;
  for (uint32_t Root = 0; Root < N; ++Root) {
    if (Index[Root] != None)
      continue;
    Work.push_back({Root, 0});
    Index[Root] = Low[Root] = Next++;
    Stack.push_back(Root);
    while (!Work.empty()) {
      auto &[V, K] = Work.back();
      const auto &S = Succ(V);
      if (K < static_cast<size_t>(S.size())) {
        uint32_t W = static_cast<uint32_t>(S[K++]);
        if (Index[W] == None) {
          Index[W] = Low[W] = Next++;
          Stack.push_back(W);
          Work.push_back({W, 0});
        } else if (Comp[W] == None) {
          Low[V] = std::min(Low[V], Index[W]);
        }
        continue;
      }
      uint32_t Done = V;
      if (Low[Done] == Index[Done]) {
        uint32_t W;
        do {
          W = Stack.back();
          Stack.pop_back();
          Comp[W] = NumComps;
        } while (W != Done);
        ++NumComps;
      }
      Work.pop_back();
      if (!Work.empty())
        Low[Work.back().first] = std::min(Low[Work.back().first], Low[Done]);
    }
  }
  return Comp;
}

/// For each node, 1 when it is in a cycle: its component has more than one
/// node, or it is its own successor.
template <typename SuccFn> std::vector<uint8_t> cycleMembers(uint32_t N, SuccFn &&Succ) {
  uint32_t NumComps;
  std::vector<uint32_t> Comp = stronglyConnectedComponents(N, Succ, NumComps);
  std::vector<uint32_t> Size(NumComps, 0);
  for (uint32_t C : Comp)
    ++Size[C];
  std::vector<uint8_t> In(N, 0);
  for (uint32_t V = 0; V < N; ++V) {
    In[V] = Size[Comp[V]] > 1;
    for (auto W : Succ(V))
      In[V] |= static_cast<uint32_t>(W) == V;
  }
  return In;
}

} // namespace stackcap

#endif
