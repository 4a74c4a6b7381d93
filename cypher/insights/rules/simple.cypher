// insights.simple(ns): whether the people ns of a path are each on it once.
all(i IN range(0, size(ns) - 2) WHERE NOT ns[i] IN ns[i + 1..])
