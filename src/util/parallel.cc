#include "src/util/parallel.h"

#include <condition_variable>
#include <mutex>

namespace reprint {
namespace internal {
namespace {

class Pool {
 public:
  ~Pool() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_) t.join();
  }

  bool Run(int helpers, const std::function<void(int)>& body) {
    std::unique_lock<std::mutex> busy(busy_, std::try_to_lock);
    if (!busy.owns_lock()) return false;
    {
      std::lock_guard<std::mutex> lock(mu_);
      while (static_cast<int>(threads_.size()) < helpers) {
        int index = static_cast<int>(threads_.size()) + 1;
        threads_.emplace_back([this, index] { Loop(index); });
      }
      body_ = &body;
      active_ = helpers;
      pending_ = helpers;
      ++generation_;
    }
    cv_.notify_all();
    body(0);
    std::unique_lock<std::mutex> lock(mu_);
    done_.wait(lock, [this] { return pending_ == 0; });
    body_ = nullptr;
    return true;
  }

 private:
  void Loop(int index) {
    uint64_t seen = 0;
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      cv_.wait(lock, [&] { return stop_ || generation_ != seen; });
      if (stop_) return;
      seen = generation_;
      if (index > active_) continue;  // not needed this round
      const std::function<void(int)>* body = body_;
      lock.unlock();
      (*body)(index);
      lock.lock();
      if (--pending_ == 0) done_.notify_one();
    }
  }

  std::mutex busy_;  // one Run() at a time
  std::mutex mu_;
  std::condition_variable cv_, done_;
  std::vector<std::thread> threads_;
  const std::function<void(int)>* body_ = nullptr;
  int active_ = 0, pending_ = 0;
  uint64_t generation_ = 0;
  bool stop_ = false;
};

}  // namespace

bool RunOnPool(int helpers, const std::function<void(int)>& body) {
  static Pool* pool = new Pool();  // never destroyed: workers may outlive main
  return pool->Run(helpers, body);
}

}  // namespace internal
}  // namespace reprint
