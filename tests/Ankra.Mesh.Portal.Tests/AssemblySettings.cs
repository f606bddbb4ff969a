// Each test class starts a whole stack of processes and a browser; one class at a time keeps the two cores for them.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
