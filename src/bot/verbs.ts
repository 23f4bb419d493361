/** Action.Execute verbs: the contract between card buttons and routes. */
export const verbs = {
  help: 'help.show',
  snooze: 'checkins.snooze',
  stop: 'checkins.stop',
  resume: 'checkins.resume',
  rolesSearch: 'roles.search',
  rolesEdit: 'roles.edit',
  rolesSave: 'roles.save',
  chooseUnit: 'unit.choose',
  auditPage: 'audit.page',
  unitsAdd: 'units.add',
  unitsParent: 'units.parent',
  checkin: 'checkin.show',
  pulseSubmit: 'pulse.submit',
  pulseChange: 'pulse.change',
  away: 'checkins.away',
  measuresSubmit: 'measures.submit',
  measuresPage: 'measures.page',
  unitSetupShow: 'unitSetup.show',
  unitSetupSave: 'unitSetup.save',
  actionsNew: 'actions.new',
  actionsSave: 'actions.save',
  actionsShow: 'actions.show',
  actionsEdit: 'actions.edit',
  actionsDelete: 'actions.delete',
  actionsDeleteConfirm: 'actions.deleteConfirm',
  actionsPage: 'actions.page',
  actionsDetails: 'actions.details',
  actionsDetailsSave: 'actions.detailsSave',
  actionsFollowUpTold: 'actions.followUpTold',
  actionsFollowUpLater: 'actions.followUpLater',
  actionsFollowUpNotPossible: 'actions.followUpNotPossible',
  actionsUnitPage: 'actions.unitPage',
  /** A digest's "Previous week" and "Next week": data { unitId, cycleId }, the week to show. */
  digestPrevious: 'digest.previous',
  digestNext: 'digest.next',
  /** "Show digest" on the choice of units, for someone who may see many. */
  digestShow: 'digest.show',
  /** Broadcasts, for their sender: the card to write one (`below` from the help card), "Preview", "Change". */
  broadcastNew: 'broadcast.new',
  broadcastPreview: 'broadcast.preview',
  broadcastChange: 'broadcast.change',
  /** "Send" or "Schedule for …" on the preview: the draft travels in the data and is read again. */
  broadcastSend: 'broadcast.send',
  /** Progress and the report ("Refresh", "Open report"), "Cancel" and "Yes, cancel it": data { broadcastId }. */
  broadcastProgress: 'broadcast.progress',
  broadcastCancel: 'broadcast.cancel',
  broadcastCancelConfirm: 'broadcast.cancelConfirm',
  broadcastsPage: 'broadcasts.page',
  /** On the reminder people get: "Got it", "Stop reminders", "Start reminders again". */
  broadcastAck: 'broadcast.ack',
  remindersStop: 'reminders.stop',
  remindersStart: 'reminders.start',
  /** `export`: "Continue" on the choice (kind, period and units travel as inputs), "Export something else". */
  exportsContinue: 'exports.continue',
  exportsNew: 'exports.new',
  /** The settings card (admins): show it again, save it, ask to reset to the environment, and confirm. */
  settingsShow: 'settings.show',
  settingsSave: 'settings.save',
  settingsReset: 'settings.reset',
  settingsResetConfirm: 'settings.resetConfirm',
  /** "erase" (admins): "Find" (data { query }), "Choose" (data { aadObjectId }), "Erase their data". */
  eraseSearch: 'erase.search',
  eraseChoose: 'erase.choose',
  eraseConfirm: 'erase.confirm',
} as const;

/** Typed commands the bot understands, by scope; the app manifest lists a subset of these. */
export const personalCommands = [
  'help',
  'checkin',
  'status',
  'send check-ins now',
  'set up check-ins',
  'digest',
  'post summaries now',
  'snooze',
  'stop',
  'resume',
  'who am I',
  'my unit',
  'log action',
  'my actions',
  'unit actions',
  'broadcast',
  'broadcasts',
  'roles',
  'audit',
  'units',
  'erase',
  'export',
  'settings',
] as const;
/** In channels the bot answers only when @mentioned. */
export const channelCommands = [
  'help',
  'who am I',
  'track this team',
  'stop tracking this team',
  'post summaries here',
  'stop summaries here',
  'post organisation summaries here',
  'stop organisation summaries here',
] as const;
/** Group chats get help only. */
export const groupChatCommands = ['help'] as const;
