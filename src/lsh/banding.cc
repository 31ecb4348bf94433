#include <algorithm>
#include <cmath>

#include "reprint/lsh.h"

namespace reprint {
namespace {

// Trapezoid integration of f over [lo, hi] with `steps` intervals.
template <typename F>
double Integrate(F f, double lo, double hi, int steps = 256) {
  if (hi <= lo) return 0;
  double h = (hi - lo) / steps;
  double sum = 0.5 * (f(lo) + f(hi));
  for (int i = 1; i < steps; ++i) sum += f(lo + i * h);
  return sum * h;
}

}  // namespace

double CandidateProbability(double s, uint32_t bands, uint32_t rows) {
  return 1.0 - std::pow(1.0 - std::pow(s, rows), bands);
}

Banding ChooseBanding(double threshold, uint32_t num_perm, double fp_weight,
                      double fn_weight) {
  double t = std::min(0.99, std::max(0.01, threshold));
  Banding best;
  double best_cost = 1e300;
  for (uint32_t b = 1; b <= num_perm; ++b) {
    for (uint32_t r = 1; b * r <= num_perm; ++r) {
      double fp = Integrate(
          [&](double s) { return CandidateProbability(s, b, r); }, 0.0, t);
      double fn = Integrate(
          [&](double s) { return 1.0 - CandidateProbability(s, b, r); }, t,
          1.0);
      double cost = fp_weight * fp + fn_weight * fn;
      if (cost < best_cost - 1e-12) {
        best_cost = cost;
        best = Banding{b, r, fp, fn};
      }
    }
  }
  return best;
}

}  // namespace reprint
