// kubectl tests start processes; two test classes at a time keeps the shared 2-core machine usable.
[assembly: CollectionBehavior(MaxParallelThreads = 2)]
