// The Store contract against a real PostgreSQL, on a schema of this file's own, emptied between tests.
import { postgresForTests, storesOnOneSchema } from './postgres-test-db.js';
import { describeStoreContract } from './store-contract.js';

if (await postgresForTests('postgres store')) describeStoreContract('postgres store', storesOnOneSchema());
