#include <algorithm>
#include <numeric>

#include "reprint/cluster.h"

namespace reprint {

UnionFind::UnionFind(size_t n) : parent_(n), size_(n, 1) {
  std::iota(parent_.begin(), parent_.end(), 0);
}

DocIndex UnionFind::Find(DocIndex x) {
  while (parent_[x] != x) {
    parent_[x] = parent_[parent_[x]];
    x = parent_[x];
  }
  return x;
}

bool UnionFind::Union(DocIndex a, DocIndex b) {
  a = Find(a);
  b = Find(b);
  if (a == b) return false;
  if (size_[a] < size_[b]) std::swap(a, b);
  parent_[b] = a;
  size_[a] += size_[b];
  return true;
}

std::vector<std::vector<DocIndex>> GroupPairs(
    size_t n, const std::vector<std::pair<DocIndex, DocIndex>>& pairs) {
  UnionFind uf(n);
  for (const auto& p : pairs) uf.Union(p.first, p.second);
  // Group by root, visiting documents in ascending order so that each group
  // is sorted and groups come out ordered by their first member.
  std::vector<int64_t> slot(n, -1);
  std::vector<std::vector<DocIndex>> groups;
  std::vector<uint32_t> count(n, 0);
  for (DocIndex d = 0; d < n; ++d) ++count[uf.Find(d)];
  for (DocIndex d = 0; d < n; ++d) {
    DocIndex r = uf.Find(d);
    if (count[r] < 2) continue;
    if (slot[r] < 0) {
      slot[r] = static_cast<int64_t>(groups.size());
      groups.emplace_back();
    }
    groups[slot[r]].push_back(d);
  }
  return groups;
}

}  // namespace reprint
