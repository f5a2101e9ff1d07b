import { loadConfig } from '../../../services/platform/config.ts';
import { dedupConformance } from '../../support/dedup-conformance/suite.ts';

// The shared DedupIndex conformance suite on PostgreSQL: DEDUP_DATABASE_URL, else the local stack's server, which
// `npm test` starts (`claimwatch stack up --postgres` by hand).
dedupConformance('postgres', loadConfig(process.env).dedup?.databaseUrl);
