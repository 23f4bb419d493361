// The fake Bot Connector lives in ./fake-connector/; this keeps `../support/fake-connector.js` imports working.
export {
  startFakeConnector,
  conversationIdFor,
  type FakeConnector,
  type FakeConnectorOptions,
  type Sent,
  type Created,
  type Updated,
  type Member,
} from './fake-connector/server.js';
export { teamsFailures, type Failure, type FailOn, type Match } from './fake-connector/failures.js';
export { TEAMS_PER_CONVERSATION, type Window, type Counted } from './fake-connector/rate-limits.js';
