import { dedupConformance } from '../../support/dedup-conformance/suite.ts';

// The shared DedupIndex conformance suite on the embedded default store; the Postgres run is an int test.
dedupConformance('sqlite');
