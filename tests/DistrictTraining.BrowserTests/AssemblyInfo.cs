// Browser tests share one Chromium and run one at a time: the machines have 2 cores,
// and a second Chromium plus a second portal would only make each test slower and flakier.
[assembly: CollectionBehavior(DisableTestParallelization = true, MaxParallelThreads = 1)]
