// Collections that start silos and servers run at most two at a time on these shared machines.
[assembly: CollectionBehavior(MaxParallelThreads = 2)]
