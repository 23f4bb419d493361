// The Teams adapter: an empty bot id means anonymous local mode (the Agents Playground, tests).
import { TeamsAdapter } from '@microsoft/teams-ai';
import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';

export type BotIdentity = {
  id: string;
  password: string;
  tenantId: string;
  type: 'SingleTenant' | 'UserAssignedMSI';
};

export function createTeamsAdapter(identity: BotIdentity): TeamsAdapter {
  const settings = {
    MicrosoftAppId: identity.id,
    MicrosoftAppPassword: identity.password,
    // Anonymous mode has no identity to be single-tenant with; botbuilder expects the MultiTenant type there.
    MicrosoftAppType: identity.id ? identity.type : 'MultiTenant',
    MicrosoftAppTenantId: identity.tenantId,
  };
  return new TeamsAdapter(settings, new ConfigurationServiceClientCredentialFactory(settings));
}
