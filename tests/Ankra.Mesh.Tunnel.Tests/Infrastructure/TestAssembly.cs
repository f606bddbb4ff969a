// Every tunnel test shares one nats-server and one backend, and the large transfers measure memory:
// the tests run one after another (one collection), which also keeps the two shared cores free.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
