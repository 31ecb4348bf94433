// include/reprint/cluster.h
//
// Union-find over verified pairs.

#ifndef REPRINT_CLUSTER_H_
#define REPRINT_CLUSTER_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "reprint/document.h"

namespace reprint {

// Disjoint sets over 0..n-1 with path halving and union by size.
// Not thread-safe.
class UnionFind {
 public:
  explicit UnionFind(size_t n);
  DocIndex Find(DocIndex x);
  // Returns true if `a` and `b` were in different sets.
  bool Union(DocIndex a, DocIndex b);
  size_t size() const { return parent_.size(); }

 private:
  std::vector<DocIndex> parent_;
  std::vector<uint32_t> size_;
};

// Returns the sets of two or more members formed by `pairs` over `n`
// documents: each set sorted ascending, the sets sorted by their first
// member. Deterministic whatever the order of `pairs`.
std::vector<std::vector<DocIndex>> GroupPairs(
    size_t n, const std::vector<std::pair<DocIndex, DocIndex>>& pairs);

}  // namespace reprint

#endif  // REPRINT_CLUSTER_H_
