// Every sentence a person reads, in British English. Another language is another file of the same shape.
// Style: the NHS service manual: short sentences, active voice, plain words, acronyms spelled out.

const appName = 'Patient Partnership';

/** What to fix in one input of the action card: a message for each problem, and one for anything else. */
type FieldProblems = { default: string; [problem: string]: string };

const countProblems = (people: string): FieldProblems => ({
  default: `Enter the number of ${people} as a whole number, like 12`,
  negative: `Enter 0 or more ${people}`,
  tooLarge: `Enter a smaller number of ${people}. Check it for a typing mistake`,
});

// Building an Intl.DateTimeFormat costs far more than using one (a summary card formats a date for every week
// of every principle), so each style and zone is built once.
const dateStyles = {
  dateTime: { dateStyle: 'long', timeStyle: 'short' },
  date: { day: 'numeric', month: 'long', year: 'numeric' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(style: keyof typeof dateStyles, timeZone: string): Intl.DateTimeFormat {
  const key = `${style} ${timeZone}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat('en-GB', { ...dateStyles[style], timeZone });
    formatters.set(key, found);
  }
  return found;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
const lowerFirst = (words: string) => words.charAt(0).toLowerCase() + words.slice(1);

export const enGB = {
  appName,
  formatDateTime: (isoTime: string, timeZone: string): string =>
    formatter('dateTime', timeZone).format(new Date(isoTime)),
  formatDate: (isoTime: string, timeZone: string): string =>
    formatter('date', timeZone).format(new Date(isoTime)),

  welcome: {
    title: `Welcome to ${appName}`,
    intro:
      'I help your team put patients at the heart of its work, using 6 principles of patient partnership, ' +
      'such as treating patients as equals and seeking patient input.',
    points: (anonymityMin: number) => [
      {
        title: 'Weekly check-in',
        value:
          'Once a week I will send you a check-in. It takes about a minute: 6 quick questions about your own work that week.',
      },
      {
        title: 'Why you get it',
        value:
          'Your organisation added me to Teams for its staff, so that teams can see how they are doing and what to improve.',
      },
      {
        title: 'Who sees answers',
        value: `Managers see only totals for a team, and only when at least ${anonymityMin} people have answered. They never see your own answers.`,
      },
      {
        title: 'Pause or stop',
        value:
          'Select "Pause for 2 weeks" or "Stop check-ins" below, or type snooze or stop. Type help at any time.',
      },
    ],
    guestPoints: [
      {
        title: 'You are a guest',
        value:
          'You are a guest in this organisation, for example a patient partner. I will not send you staff check-ins.',
      },
      { title: 'What you can do', value: 'Type help to see what I can do for you.' },
    ],
    privacy:
      'Never type anything that could identify a patient, such as a name, NHS number or date of birth.',
  },

  help: {
    title: 'What I can do',
    intro: 'Select a button, or type one of these words to me.',
    commands: [
      { name: 'help', description: 'Shows this card' },
      { name: 'checkin', description: 'Brings back this week’s check-in' },
      { name: 'status', description: 'Says whether you have answered this week’s check-in' },
      { name: 'snooze', description: 'Pauses check-ins for 2 weeks' },
      { name: 'stop', description: 'Stops check-ins until you start them again' },
      { name: 'resume', description: 'Starts check-ins again' },
      { name: 'who am I', description: 'Shows your roles and teams' },
      { name: 'my unit', description: 'Chooses the team whose check-in you answer' },
      {
        name: 'log action',
        description: 'Logs something your team did to hear from patients, carers or the public',
      },
      { name: 'my actions', description: 'Shows the actions you logged, to change or delete them' },
    ],
    channelIntro: `In channels I answer only when you @mention me, for example "@${appName} help".`,
    groupChatIntro: `In group chats I can only show this help. To get check-ins, chat with me on my own: select my name and then Chat.`,
    channelCommands: [
      { name: 'help', description: 'Shows this card' },
      { name: 'who am I', description: 'Shows your roles and teams' },
      { name: 'track this team', description: 'Starts weekly check-ins for this team (managers)' },
      { name: 'stop tracking this team', description: 'Stops them, keeping the history' },
      {
        name: 'post summaries here',
        description: 'Posts this team’s weekly summary in this channel every Monday (managers)',
      },
      { name: 'stop summaries here', description: 'Stops posting the weekly summary here' },
      {
        name: 'post organisation summaries here',
        description:
          'Posts the organisation’s weekly summary in this channel every Monday (leads and admins)',
      },
      {
        name: 'stop organisation summaries here',
        description: 'Stops posting the organisation summary here',
      },
    ],
    groupChatCommands: [{ name: 'help', description: 'Shows this card' }],
    managerCommands: [
      {
        name: 'set up check-ins',
        description:
          'Chooses what a unit’s check-in asks and who answers its measures (managers, leads and admins)',
      },
      {
        name: 'unit actions',
        description: 'Shows the recent actions logged for your units (managers, leads and admins)',
      },
      {
        name: 'digest',
        description: 'Shows a preview of this week’s digest for your units (managers, leads and admins)',
      },
      {
        name: 'export',
        description:
          'Downloads results, actions or reminders as a spreadsheet file (managers for their units, leads and admins)',
      },
    ],
    leadCommands: [
      {
        name: 'send check-ins now',
        description: 'Sends this week’s check-ins straight away (leads and admins)',
      },
      {
        name: 'post summaries now',
        description: 'Posts last week’s summaries and digests straight away, once (leads and admins)',
      },
    ],
    adminCommands: [
      { name: 'roles', description: 'Gives or takes roles (admins only)' },
      { name: 'audit', description: 'Shows the audit log (admins only)' },
      { name: 'units', description: 'Adds units and groups them (admins only)' },
      { name: 'erase', description: 'Erases a person’s data when they ask (admins only)' },
      {
        name: 'settings',
        description:
          'Changes the threshold, the weekly schedule, quiet hours and sending speed (admins only)',
      },
    ],
  },

  checkinStatus: {
    on: 'Your check-ins are on.',
    pausedUntil: (date: string) => `Your check-ins are paused until ${date}.`,
    stopped: 'Your check-ins are stopped. Select "Start check-ins again" when you want them back.',
    guest: 'You are a guest in this organisation, so you will not get staff check-ins.',
  },

  notices: {
    paused: (date: string) => `Done. I will not send you check-ins until ${date}.`,
    stopped: 'Done. I have stopped your check-ins. Nothing else has changed.',
    resumed: 'Done. Your check-ins are on again.',
    alreadyDone: 'That was already done. Here is where things stand now.',
  },

  buttons: {
    help: 'What I can do',
    snooze: 'Pause for 2 weeks',
    stop: 'Stop check-ins',
    resume: 'Start check-ins again',
    checkin: 'Check-in',
    logAction: 'Log an action',
    myActions: 'My actions',
  },

  channelWelcome: {
    title: `${appName} has been added to this team`,
    body:
      'I help teams put patients at the heart of their work. In this channel I answer only when you @mention me. ' +
      `Try "@${appName} help".`,
    privacy: 'Anything I post here shows totals only, never names or anyone’s own answers.',
  },

  groupChatWelcome: {
    title: `Hello from ${appName}`,
    body: `In group chats I can only show help: @mention me with "help". For check-ins, chat with me on my own.`,
  },

  whoAmI: {
    title: 'Your roles and teams',
    you: (name: string) => (name ? `You are ${name}.` : 'I do not know your name yet.'),
    rolesLabel: 'Roles',
    noRoles: 'None: you answer your own check-ins and log actions',
    admin: 'Admin',
    lead: 'Partnership lead',
    managerOf: (units: string) => `Manager of ${units}`,
    teamsLabel: 'Teams using check-ins',
    noTeams: 'None yet',
    primaryLabel: 'Your check-in unit',
    notChosen: 'Not chosen yet. Type "my unit" to choose one.',
  },

  roles: {
    searchTitle: 'Give or take roles',
    searchIntro: 'Find the person by name. They need to have used the app, in a chat or a team.',
    queryLabel: 'Name',
    queryPlaceholder: 'For example, Priya Shah',
    queryError: 'Enter at least part of a name',
    find: 'Find',
    results: (count: number, query: string) =>
      count === 0
        ? `Nobody found for "${query}". Check the spelling, or try part of the name.`
        : `${count === 1 ? '1 person' : `${count} people`} found for "${query}":`,
    summary: (roles: string) => roles,
    change: 'Change roles',
    editTitle: (name: string) => `Roles for ${name}`,
    bootstrapNote:
      'This person is an admin through the app’s settings (ADMIN_AAD_IDS). That cannot be changed here.',
    adminLabel: 'Admin',
    adminTitle: 'Can give roles, change settings and see the audit log',
    leadLabel: 'Partnership lead',
    leadTitle: 'Can send reminders to everyone, set targets and see every unit',
    managerLabel: 'Manager of these units',
    noUnits: 'No team uses check-ins yet, so there is nothing to manage.',
    save: 'Save roles',
    back: 'Find someone else',
    saved: 'Done. Roles saved.',
    unchanged: 'Nothing changed: these were already their roles.',
    unknownPerson: 'I cannot find that person any more. Search again.',
    guest: 'Guest',
  },

  myUnit: {
    title: 'Your check-in unit',
    intro:
      'Choose the team whose weekly check-in you answer. You can change it at any time by typing "my unit".',
    firstContact:
      'You are in more than one team that uses check-ins. Choose the one whose weekly check-in you answer.',
    none: 'You are not in a team that uses check-ins yet. Ask your manager to type "track this team" in your team’s channel.',
    choiceLabel: 'Team',
    choiceError: 'Choose a team',
    save: 'Save',
    chosen: (unit: string) => `Done. Your check-in unit is ${unit}.`,
    notAChoice: 'That team is not one you can choose. Choose one from the list.',
  },

  units: {
    title: 'Units',
    intro:
      'Teams become units when someone types "track this team" in them. Here you can add units that are not Teams teams, and group units into organisations, places and Integrated Care Systems (ICSs).',
    none: 'There are no units yet.',
    levels: {
      unit: 'Unit',
      organisation: 'Organisation',
      place: 'Place',
      ics: 'Integrated Care System (ICS)',
    },
    detail: (level: string, parent: string | undefined, tracked: boolean, team: boolean) =>
      [
        level,
        team ? 'a Teams team' : undefined,
        parent ? `part of ${parent}` : undefined,
        tracked ? undefined : 'not tracking',
      ]
        .filter(Boolean)
        .join(', '),
    addHeading: 'Add a unit',
    nameLabel: 'Name',
    namePlaceholder: 'For example, Northshire Hospitals NHS Trust',
    levelLabel: 'Kind of unit',
    add: 'Add unit',
    added: (name: string) => `Done. ${name} has been added.`,
    nameMissing: 'Enter a name for the new unit.',
    parentHeading: 'Put a unit inside another',
    childLabel: 'Unit',
    parentLabel: 'Part of',
    setParent: 'Save',
    parentSet: (child: string, parent: string) => `Done. ${child} is now part of ${parent}.`,
    problems: {
      wrongLevel:
        'That cannot be done: a unit goes inside an organisation, an organisation inside a place or ICS, and a place inside an ICS.',
      cycle: 'That cannot be done: it would put a unit inside itself.',
      unknownParent: 'Choose both the unit and what it is part of.',
      unknownUnit: 'Choose both the unit and what it is part of.',
    },
  },

  audit: {
    title: 'Audit log',
    intro: (timeZone: string) => `Newest first. Times are ${timeZone} time.`,
    empty: 'Nothing has been recorded yet.',
    older: 'Older entries',
    newest: 'Back to the newest',
    actions: {
      'unit.track': 'Started check-ins for a team',
      'unit.stop': 'Stopped check-ins for a team',
      'unit.define': 'Set up a unit',
      'unit.parent': 'Put a unit inside another',
      'roles.change': 'Changed roles',
      'unit.checkins': 'Changed a unit’s check-ins',
      'action.log': 'Logged a patient input action',
      'action.edit': 'Changed a patient input action',
      'action.delete': 'Deleted a patient input action',
      'action.details': 'Added details to a patient input action',
      'action.followUp': 'Answered a follow-up about a patient input action',
      'person.erase': 'Erased a person’s data',
      'retention.purge': 'Deleted data older than the retention period',
      'settings.change': 'Changed settings',
      'settings.reset': 'Reset settings to the environment',
      'broadcast.export': 'Downloaded a reminder’s delivery report',
      'export.results': 'Exported check-in and measure results',
      'export.actions': 'Exported patient input actions',
      'export.broadcasts': 'Exported reminders and their delivery',
      'export.audit': 'Exported the audit log',
      'export.boardPack': 'Exported the board pack',
    } as Record<string, string>,
    attempted: (what: string) => `Tried to ${what}`,
    outcomes: { done: 'Done', refused: 'Refused: not allowed', failed: 'Failed' },
    who: (actor: string, outcome: string) => `${actor}. ${outcome}.`,
    targets: (names: string) => `About: ${names}`,
    system: 'The app itself',
  },

  tracking: {
    tracked: (team: string) =>
      `Done. ${team} now uses weekly check-ins. Its members will get the staff pulse from the next cycle.`,
    alreadyTracked: (team: string) => `${team} already uses weekly check-ins. Nothing has changed.`,
    stopped: (team: string) => `Done. ${team} no longer uses weekly check-ins. Its history is kept.`,
    notTracked: (team: string) => `${team} does not use weekly check-ins, so there was nothing to stop.`,
    onlyInChannel: 'Type this in a channel of the team, and @mention me.',
    thisTeam: 'This team',
    unknownTeam:
      'I do not know this team yet. Please remove me from the team, add me again, and try once more.',
  },

  refusals: {
    sentence: (who: string, what: string) => `Only ${who} can ${what}. Nothing has been changed.`,
    who: {
      everyone: 'people in this organisation',
      admins: 'admins',
      'leads and admins': 'partnership leads and admins',
      'managers, leads and admins': 'managers, partnership leads and admins',
    },
    what: {
      answerOwn: 'answer check-ins',
      trackTeam: 'start or stop check-ins for a team',
      manageUnit: 'change this unit',
      seeUnit: 'see this unit’s results',
      nudgeUnit: 'send reminders to this unit',
      exportUnit: 'export this unit’s results',
      broadcast: 'send reminders to everyone',
      runNow: 'start check-ins or summaries by hand',
      setTargets: 'set targets',
      defineUnits: 'set up units',
      manageRoles: 'give or take roles',
      manageSettings: 'change settings',
      seeAudit: 'see the audit log',
      erasePerson: 'erase a person’s data',
    },
  },

  unitSetup: {
    chooserTitle: 'Set up check-ins',
    chooserIntro: 'Choose the unit whose check-ins you want to set up.',
    unitLabel: 'Unit',
    show: 'Show',
    otherUnit: 'Choose another unit',
    title: (unit: string) => `Check-ins for ${unit}`,
    intro: [
      'The weekly pulse asks staff only about the principles you choose.',
      'The owner answers the unit’s measures. The deputy answers them when the owner is away, has stopped check-ins or has left.',
      'With no owner or deputy, the unit’s managers answer them. Changes start from the next check-in.',
    ],
    principlesLabel: 'Principles this unit works on',
    ownerLabel: 'Owner: answers the measures (optional)',
    deputyLabel: 'Deputy: answers when the owner cannot (optional)',
    noOwner: 'No one: the managers answer',
    noDeputy: 'No one',
    unnamed: 'Name not known',
    findLabel: 'Find a person by name',
    findUnitLabel: 'Find a unit by name',
    findPlaceholder: 'Type part of a name',
    find: 'Find',
    manyPeople: (count: number) =>
      `${count} people can answer for this unit. Type part of a name and select Find to choose from them.`,
    manyUnits: (count: number) =>
      `You can set up ${count} units. Type part of a name and select Find to choose from them.`,
    found: (count: number, shown: number, query: string) =>
      count === 0
        ? `Nothing found for "${query}". Check the spelling, or try part of the name.`
        : count > shown
          ? `Showing the first ${shown} of ${count} found for "${query}". Type more of the name to narrow it down.`
          : `${count} found for "${query}".`,
    roles: { owner: 'owner', deputy: 'deputy' },
    gone: (role: string, name?: string) =>
      name
        ? `${name}, the ${role}, is no longer in this unit. Choose someone else.`
        : `The ${role} is no longer in this unit. Choose someone else.`,
    save: 'Save',
    problemHeading: 'There is a problem',
    problems: {
      noPrinciples: 'Choose at least 1 principle.',
      unknownPrinciples: 'Choose principles from the list.',
      notACandidate:
        'Choose the owner and deputy from the list. Someone you chose can no longer answer for this unit.',
      sameDeputy: 'Choose a different deputy. The owner and the deputy must be different people.',
    },
    saved: (principles: number, answerer: string) =>
      `Saved. From the next check-in, the pulse asks about ${principles === 6 ? 'all 6 principles' : principles === 1 ? '1 principle' : `${principles} principles`}. ${answerer}`,
    answerers: {
      ownerAndDeputy: (owner: string, deputy: string) =>
        `${owner} answers the measures, and ${deputy} answers when they cannot.`,
      owner: (owner: string) => `${owner} answers the measures.`,
      deputy: (deputy: string) => `${deputy}, the deputy, answers the measures.`,
      managers: 'The unit’s managers answer the measures.',
    },
    chooseUnit: 'Choose a unit from the list, then select Show.',
    notAvailable: 'That unit does not use check-ins any more, so there is nothing to set up.',
    noUnits:
      'You have no units to set up yet. A team becomes a unit when its manager types "track this team" in one of its channels.',
  },

  ownerGone: {
    title: (unit: string, role: 'owner' | 'deputy') =>
      role === 'owner' ? `${unit} needs a new measure owner` : `${unit} needs a new deputy`,
    left: (name: string, unit: string) => `${name} has left ${unit}.`,
    stopped: (name: string) => `${name} has stopped their check-ins.`,
    held: (unit: string, role: 'owner' | 'deputy') =>
      role === 'owner'
        ? `They were the owner of ${unit}’s measures.`
        : `They were the deputy for ${unit}’s measures.`,
    choose: 'Choose who answers them now.',
    button: { owner: 'Choose the owner', deputy: 'Choose the deputy' },
    someone: 'Someone',
    why: {
      manager: (unit: string) => `You get this because you manage ${unit}.`,
      lead: (unit: string) => `You get this because you are a partnership lead and ${unit} has no manager.`,
    },
  },

  proactive: {
    why: (reason: string) =>
      `${reason} To pause these messages for 2 weeks, type snooze to me; to stop them, type stop.`,
  },

  /** Patient input actions: the "log action" card, its receipt and "my actions". */
  actions: {
    formTitle: 'Log a patient input action',
    editTitle: 'Change this action',
    intro:
      'Record something your team did to hear from patients, carers or the public. It takes about a minute.',
    privacy:
      'Never include anything that could identify a patient or carer, such as a name, NHS number or date of birth.',
    unitLabel: 'Which team is this for?',
    unitError: 'Choose a team',
    typeLabel: 'What kind of activity was it?',
    typePlaceholder: 'Choose one',
    typeError: 'Choose the kind of activity',
    types: {
      survey: 'Survey or questionnaire',
      'focus-group': 'Focus group or facilitated discussion',
      interview: 'One-to-one listening or interviews',
      'codesign-workshop': 'Co-design or co-production workshop',
      'patient-panel': 'Patient, carer, reader or youth panel meeting',
      'board-story': 'Patient or carer story at a board or committee',
      'ppg-meeting': 'Patient participation group meeting',
      'community-outreach': 'Outreach in the community, such as a pop-up, faith venue, market or school',
      'vcse-led': 'Engagement by a voluntary, community or social enterprise (VCSE) partner',
      'complaint-change':
        'Change made because of complaints or Patient Advice and Liaison Service (PALS) themes',
      'safety-involvement': 'Patients or families involved in safety learning or improvement',
      'public-consultation': 'Formal public consultation',
      'independent-voice-report': 'Response to a local Healthwatch report or Enter and View visit',
      deliberative: 'Citizens’ jury, assembly or deliberative workshop',
      'digital-engagement': 'Online engagement, social listening or NHS App feedback',
      'partner-recruitment': 'Recruiting or inducting patient partners, including Patient Safety Partners',
      other: 'Something else: say what in the title',
    } as Record<string, string>,
    titleLabel: 'Title',
    titlePlaceholder: 'For example, Waiting room redesign workshop',
    titleError: 'Enter a title',
    dateLabel: 'Date it happened, or started',
    dateError: 'Enter the date it happened',
    principlesLabel: 'Which principles does it support? Choose all that apply.',
    principlesError: 'Choose at least 1 principle',
    countsHeading: 'How many people took part?',
    countsHint: 'Numbers only, never names. Leave a box empty if none took part.',
    counts: { patients: 'Patients', carers: 'Carers', public: 'Members of the public' },
    countError: 'Enter a whole number, 0 or more',
    depthLabel: 'How deep was the partnership?',
    depthError: 'Choose how deep the partnership was',
    depths: {
      inform: 'Inform: we told people what we are doing or have decided',
      consult: 'Consult: we asked for views before we decided',
      involve: 'Involve: patients and carers helped shape the work',
      'co-design': 'Co-design: patients and staff design it together',
      'co-produce': 'Co-produce: patients and staff design and deliver it together, as equals',
    } as Record<string, string>,
    heardLabel: 'What we heard (optional)',
    didLabel: 'What we did (optional)',
    textPlaceholder: 'Themes only. Nothing that could identify anyone.',
    followUpLabel: 'Follow-up date (optional)',
    followUpHint: 'We’ll ask you then whether participants were told what changed.',
    shareLabel: 'Summaries',
    shareTitle: 'OK to share in summaries',
    shareHint:
      'Summaries never name anyone. If this is off, they show only the kind of activity, the numbers and the depth.',
    noPatientLabel: 'Before you save',
    noPatientTitle:
      'This entry contains no names, NHS or hospital numbers, dates of birth, addresses, postcodes, phone numbers, emails or any other detail that could identify a patient or carer.',
    noPatientError: 'Confirm that this entry does not identify a patient or carer',
    confirmLabel: 'Check the boxes named above',
    confirmTitle: 'I have checked: it does not identify a patient or carer',
    save: 'Save action',

    // What went wrong. The guard names the box and the kind of detail, never the text itself.
    problemHeading: 'There is a problem',
    boxes: {
      title: 'Title',
      whatWeHeard: 'What we heard',
      whatWeDid: 'What we did',
      changeReason: 'Why not',
      feedbackNotPossible: 'Why not',
    } as Record<string, string>,
    guardBlocked: (box: string, found: string) =>
      `The ‘${box}’ box looks like it contains ${found}. Remove it: this log must not identify any patient or carer.`,
    guardWarning: (box: string, found: string) =>
      `The ‘${box}’ box might contain ${found}. Check that it does not identify a patient or carer. If it does not, tick “I have checked” below and save again.`,
    problems: {
      unitId: { default: 'Choose which team this action is for' },
      type: { default: 'Choose the kind of activity from the list' },
      title: { default: 'Enter a title', tooLong: 'Shorten the title to 80 characters or fewer' },
      date: {
        default: 'Enter the date it happened',
        notADate: 'Enter a real date, for example 14 March 2026',
        tooLongAgo: 'The date must be within a year of today',
        tooFarAhead: 'The date must be within a year of today',
      },
      principles: {
        default: 'Choose at least 1 principle',
        invalidChoice: 'Choose principles from the list',
      },
      patients: countProblems('patients'),
      carers: countProblems('carers'),
      public: countProblems('members of the public'),
      depth: { default: 'Choose how deep the partnership was from the list' },
      whatWeHeard: {
        default: 'Enter ‘What we heard’ as text',
        tooLong: 'Shorten ‘What we heard’ to 500 characters or fewer',
      },
      whatWeDid: {
        default: 'Enter ‘What we did’ as text',
        tooLong: 'Shorten ‘What we did’ to 500 characters or fewer',
      },
      followUpOn: {
        default: 'Enter a real follow-up date, for example 14 March 2026',
        tooLongAgo: 'The follow-up date must be within a year of today',
        tooFarAhead: 'The follow-up date must be within a year of today',
        followUpBeforeDate: 'The follow-up date must be on or after the date it happened',
      },
      noPatient: { default: 'Confirm that this entry does not identify a patient or carer' },
    } as Record<string, FieldProblems>,
    somethingWrong: 'Check this answer',

    // After saving.
    saved: 'Saved. Thank you for logging this action.',
    changed: 'Saved. Your changes are kept.',
    receiptTitle: 'Your action',
    facts: {
      type: 'Kind',
      date: 'Date',
      unit: 'Team',
      principles: 'Principles',
      people: 'People',
      depth: 'Depth',
      followUp: 'Follow-up',
      shared: 'Summaries',
    },
    people: (patients: number, carers: number, members: number) =>
      `${plural(patients, 'patient', 'patients')}, ${plural(carers, 'carer', 'carers')}, ${plural(members, 'member', 'members')} of the public`,
    noFollowUp: 'None',
    shared: 'OK to share. Summaries never name anyone.',
    notShared: 'Not shared. Summaries show only the kind, the numbers and the depth.',
    onlyYou: 'Only you can change or delete it.',
    unknownUnit: 'A team that no longer uses this app',
    edit: 'Edit',
    delete: 'Delete',
    deleteQuestion: 'Delete this action? This cannot be undone.',
    deleteYes: 'Yes, delete',
    deleteNo: 'No, keep it',
    deleted: 'Done. The action is deleted.',

    // "my actions".
    listTitle: 'Your actions',
    listIntro: 'Newest first. Only you see this list.',
    none: 'You have not logged any actions yet.',
    noMore: 'There are no more actions to show.',
    itemDetail: (type: string, date: string) => `${type}. ${date}`,
    older: 'Older',
    newer: 'Newer',

    // Notices and refusals.
    noUnits:
      'You need to be in a team that uses this app before you can log an action. Ask your manager to type “track this team” in your team’s channel, or ask your partnership lead.',
    formBelow: 'Your action card is in the message below.',
    notYours: 'You can only change actions you logged. Nothing has been changed.',
    notFound: 'This action has been deleted, so it cannot be changed.',
    notAmongYours:
      'You can only change actions you logged. I cannot find this one among yours: it may have been deleted.',

    // "Add details": the rest of what a lead would want recorded, at leisure.
    addDetails: 'Add details',
    details: {
      title: 'Add details to this action',
      intro: (title: string) =>
        `About “${title}”. Everything here is optional: save what you know now and add the rest later.`,
      privacy:
        'Numbers of people only, never names. Never include anything that could identify a patient or carer.',
      tagsHeading: 'Tags',
      tagsLabel: 'Tags (optional)',
      tagsPlaceholder: 'For example, transition, discharge',
      tagsHint: 'Separate tags with commas. Add ‘transition’ for hand-offs between services.',
      reachHeading: 'Who took part',
      reachHint: 'Numbers only, never names. Leave a box empty if you do not know.',
      monitoringLabel: 'How do you know who took part?',
      monitoring: {
        selfReported: 'People told us (self-reported)',
        estimated: 'We estimated',
        notCollected: 'We did not collect this',
      } as Record<string, string>,
      core20Label: 'How many live in the most deprived fifth of areas (Core20)?',
      core20plusLabel: 'How many live in Core20 areas or belong to a PLUS group? Count each person once.',
      groupsToggle: 'Show or hide counts by group',
      groupsHint:
        'For each group, how many of the people who took part belong to it. One person may be in several.',
      plusHeading: 'PLUS groups your area has agreed',
      plus: {
        ethnicMinority: 'Ethnic minority communities',
        inclusionHealth: 'Inclusion health groups, such as people who are homeless',
        learningDisabilityAutism: 'People with a learning disability, and autistic people',
        coastal: 'Coastal communities',
        multipleConditions: 'People with several long-term conditions',
        other: 'Another locally agreed group',
      } as Record<string, string>,
      characteristicsHeading: 'Protected characteristics (Equality Act 2010)',
      characteristicsHint:
        'How many share each characteristic you focused on: for example, how many are disabled, or how many are aged 75 or over.',
      characteristics: {
        age: 'Age',
        disability: 'Disability',
        ethnicity: 'Ethnicity',
        sex: 'Sex',
        genderReassignment: 'Gender reassignment',
        religionOrBelief: 'Religion or belief',
        sexualOrientation: 'Sexual orientation',
        pregnancyMaternity: 'Pregnancy and maternity',
        marriageCivilPartnership: 'Marriage or civil partnership',
      } as Record<string, string>,
      preferNotToSayLabel: 'How many preferred not to say?',
      /** Short names for the count boxes, for messages about them. */
      countNames: {
        core20: 'Core20',
        core20plus: 'Core20 or a PLUS group',
        preferNotToSay: 'Preferred not to say',
      } as Record<string, string>,
      adjustmentsHeading: 'Adjustments made',
      adjustmentsLabel: 'What did you do so that people could take part? Choose all that apply.',
      adjustments: {
        bsl: 'British Sign Language (BSL) interpreter',
        interpreter: 'Spoken-language interpreter',
        easyRead: 'Easy read',
        largePrint: 'Large print',
        hybrid: 'Online or hybrid',
        stepFree: 'Step-free venue',
        eveningWeekend: 'Evening or weekend session',
        careCover: 'Childcare or carer cover',
      } as Record<string, string>,
      paymentHeading: 'Payment offered',
      paymentLabel: 'Did you offer to pay people for their time?',
      payment: { yes: 'Yes', no: 'No', notApplicable: 'Not applicable' } as Record<string, string>,
      changeHeading: 'What changed',
      changeLabel: 'Has anything changed because of what people said?',
      changeStatuses: {
        proposed: 'A change is proposed',
        agreed: 'A change is agreed',
        implemented: 'A change has been made',
        notPossible: 'A change was not possible',
      } as Record<string, string>,
      changeReasonLabel: 'Why not? (needed if a change was not possible)',
      feedbackHeading: 'Feedback to participants',
      feedbackDateLabel: 'Date participants were told what changed',
      feedbackMethodLabel: 'How were they told?',
      feedbackMethods: {
        email: 'Email',
        letter: 'Letter',
        meeting: 'At a meeting',
        webPage: 'On a web page',
        panel: 'Through a patient panel',
      } as Record<string, string>,
      evidenceHeading: 'Evidence',
      evidenceLabel: 'Link to evidence (optional)',
      evidencePlaceholder: 'https://',
      evidenceHint:
        'A link to where your organisation keeps it, such as your team’s SharePoint site. Never link to patient records.',
      choose: 'Choose one',
      countError: 'Enter a whole number, 0 or more',
      reasonError: 'Shorten this to 500 characters or fewer',
      save: 'Save details',
      back: 'Back without saving',
      saved: 'Saved. The details are kept with your action.',

      // What to fix, by box. `box` is the input's label, quoted.
      countProblems: {
        notAWholeNumber: (box: string) => `Enter ${box} as a whole number, like 12`,
        negative: (box: string) => `Enter 0 or more for ${box}`,
        tooLarge: (box: string) => `Enter a smaller number for ${box}. Check it for a typing mistake`,
        overParticipants: (box: string, people: number) =>
          `${box} must not be more than the ${plural(people, 'person', 'people')} who took part`,
      } as Record<string, (box: string, people: number) => string>,
      problems: {
        tags: {
          default: 'Use up to 10 tags of letters, digits and hyphens, up to 30 characters each',
        },
        monitoring: { default: 'Choose how you know who took part from the list' },
        adjustments: { default: 'Choose the adjustments from the list' },
        payment: { default: 'Choose whether payment was offered from the list' },
        changeStatus: { default: 'Choose what changed from the list' },
        changeReason: {
          default: 'Enter why a change was not possible as text',
          reasonNeeded: 'Say why a change was not possible',
          tooLong: 'Shorten ‘Why not’ to 500 characters or fewer',
        },
        feedbackGivenOn: {
          default: 'Enter a real date, for example 14 March 2026',
          tooLongAgo: 'The date participants were told must be within a year of today',
          tooFarAhead: 'The date participants were told must be within a year of today',
        },
        feedbackMethod: { default: 'Choose how participants were told from the list' },
        evidenceLink: {
          default: 'Enter a link that starts with https://',
          notHttps: 'Enter a link that starts with https://',
          domainNotAllowed:
            'Enter a link to your organisation’s own storage, such as its SharePoint. Links to other websites are not allowed',
        },
      } as Record<string, FieldProblems>,
    },

    // On the receipt, once details are added: in words, with counts as numbers (only the author sees it).
    detailFacts: {
      heading: 'Details',
      tags: 'Tags',
      adjustments: 'Adjustments',
      payment: 'Payment offered',
      change: 'What changed',
      feedback: 'Feedback',
      evidence: 'Evidence',
      reachHeading: 'Who took part',
      monitoring: 'How we know',
      core20: 'From Core20 areas',
      core20plus: 'From Core20 areas or a PLUS group',
      preferNotToSay: 'Preferred not to say',
    },
    feedbackGiven: (date: string, method?: string) =>
      method ? `Told on ${date} (${method.toLowerCase()})` : `Told on ${date}`,
    whyNot: 'Why a change was not possible',
    whyNotTold: 'Why participants could not be told',

    // The follow-up question, on the follow-up date.
    followUp: {
      title: 'Follow-up',
      question: 'Have you told participants what changed because of their input?',
      action: 'Action',
      date: 'Date',
      told: 'Feedback given today',
      later: 'Remind me in 2 weeks',
      notPossible: 'Not possible (why)',
      reasonLabel: 'Why could participants not be told?',
      reasonPlaceholder: 'For example, the survey was anonymous. Nothing that could identify anyone.',
      reasonError: 'Say why participants could not be told',
      saveReason: 'Save reason',
      why: 'You get this because you chose a follow-up date for this action. To stop these questions, type “my actions”, select Edit and clear the follow-up date.',
      toldReceipt: (date: string) => `Thank you. We’ve noted that participants were told on ${date}.`,
      laterReceipt: (date: string) => `We’ll ask again on ${date}.`,
      notPossibleReceipt: 'Thank you. We’ve noted why participants could not be told:',
      noAnswerNeeded: {
        gone: 'No answer is needed: this action has been deleted.',
        told: 'No answer is needed: you have already noted that participants were told.',
        notPossible: 'No answer is needed: you have already noted why participants could not be told.',
      },
      problems: {
        required: 'Say why participants could not be told',
        tooLong: 'Shorten the reason to 500 characters or fewer',
      } as Record<string, string>,
      guardBlocked: (box: string, found: string) =>
        `The ‘${box}’ box looks like it contains ${found}. Remove it and save again: this log must not identify any patient or carer.`,
      guardWarning: (box: string, found: string) =>
        `The ‘${box}’ box might contain ${found}. Remove it and save again: this log must not identify any patient or carer.`,
    },

    // "unit actions": managers and leads see their units' recent actions.
    unitList: {
      title: 'Your units’ actions',
      intro: 'Newest first. Numbers from 1 to 7 show as “fewer than 8” so that nobody can be identified.',
      none: 'No actions have been logged for your units yet.',
      noMore: 'There are no more actions to show.',
      unit: (name: string) => `Team: ${name}`,
      depth: (depth: string) => `Depth: ${depth}`,
      people: (patients: string, carers: string, members: string) =>
        `People: ${patients} patients, ${carers} carers, ${members} members of the public`,
      fewerThan8: 'fewer than 8',
    },
  },

  /** Broadcast reminders: writing one, the preview, the reminder people get, progress, reports and the list. */
  broadcasts: {
    /** "UK" in "in UK time"; another zone by its everyday name. */
    zone: (timeZone: string): string => {
      if (timeZone === 'Europe/London') return 'UK';
      const name = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'longGeneric' })
        .formatToParts(new Date())
        .find((part) => part.type === 'timeZoneName')?.value;
      return name ? name.replace(/ Time$/, '') : timeZone;
    },
    /** "28 March 2027 at 02:00 BST": with the zone's short name, where a clock change makes it matter. */
    formatWithZone: (isoTime: string, timeZone: string): string =>
      new Intl.DateTimeFormat('en-GB', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        timeZoneName: 'short',
        timeZone,
      }).format(new Date(isoTime)),
    helpCommands: [
      {
        name: 'broadcast',
        description:
          'Sends a reminder, now or at a set time (managers to their units, leads and admins to anyone)',
      },
      { name: 'broadcasts', description: 'Shows reminders sent or scheduled, with their delivery reports' },
    ],
    helpButton: 'Broadcast',
    formBelow: 'Your reminder card is in the message below.',

    // The card to write a reminder.
    composeTitle: 'Send a reminder',
    intro: 'Write a short reminder and choose who gets it. You will see a preview before anything is sent.',
    managerIntro:
      'You can send a reminder to the members of the units you manage. You will see a preview before anything is sent.',
    privacy:
      'Never include anything that could identify a patient or carer, such as a name, NHS number or date of birth.',
    problemHeading: 'There is a problem',
    labels: {
      title: 'Title',
      titlePlaceholder: 'For example: This week’s check-in closes on Sunday',
      titleError: 'Enter a title',
      message: 'Message',
      messageError: 'Enter the message',
      buttonHint:
        'You can add a button that opens a web page. Leave both boxes empty if you do not need one.',
      buttonTitle: 'Button text (optional)',
      buttonTitlePlaceholder: 'For example: Read the guide',
      buttonUrl: 'Button link (optional)',
      buttonUrlPlaceholder: 'https://',
      audience: 'Who gets it',
      audienceError: 'Choose who gets it',
      units: 'Units',
      unitsHint: 'Choose units only for the two options about units above.',
      unitsError: 'Choose at least one unit',
      noUnits: 'There are no units with weekly check-ins yet, so you can only choose the other options.',
      when: 'When to send it',
      whenError: 'Choose when to send it',
      date: (zone: string) => `Date, in ${zone} time`,
      time: (zone: string) => `Time, in ${zone} time`,
      scheduleHint: 'Only if you schedule it. Use the 24-hour clock, like 14:30.',
      confirm: 'Check the boxes named above',
      confirmTitle: 'I have checked: it does not identify a patient or carer',
      preview: 'Preview',
    },
    audiences: {
      everyone: 'Everyone I can reach',
      units: 'Members of the units I choose below',
      channels: 'A post in the channel of each unit I choose below',
      notAnswered: 'People who have not answered this week’s check-in',
      managers: 'Managers of units',
    } as Record<string, string>,
    when: { now: 'Send now', later: 'Schedule it' },
    boxes: { title: 'Title', message: 'Message', buttonTitle: 'Button text' } as Record<string, string>,
    guardBlocked: (box: string, found: string) =>
      `The ‘${box}’ box looks like it contains ${found}. Remove it: a reminder must never identify a patient or carer.`,
    guardWarning: (box: string, found: string) =>
      `The ‘${box}’ box might contain ${found}. Check that it does not identify a patient or carer. If it does not, tick “I have checked” below and select Preview again.`,
    problems: {
      title: {
        default: 'Enter a title',
        tooLong: 'Make the title 80 characters or fewer',
      },
      message: {
        default: 'Enter the message',
        tooLong: 'Make the message 1,000 characters or fewer',
      },
      buttonTitle: {
        default: 'Enter the button text, or clear the button link',
        tooLong: 'Make the button text 40 characters or fewer',
      },
      buttonUrl: {
        default: 'Enter the button link, or clear the button text',
        notHttps: 'Enter a button link that starts with https://, like https://www.nhs.uk',
        tooLong: 'Make the button link shorter',
      },
      audience: { default: 'Choose who gets it' },
      unitIds: {
        default: 'Choose at least one unit',
        unknown: 'Choose the units again: one or more of them no longer uses weekly check-ins',
      },
      when: { default: 'Choose Send now or Schedule it' },
      date: {
        default: 'Enter the date to send it, or choose Send now',
        notADate: 'Enter a real date',
        tooFarAhead: 'Choose a date within the next year',
      },
      time: {
        default: 'Enter the time to send it, or choose Send now',
        notATime: 'Enter a time on the 24-hour clock, like 14:30',
        inPast: 'Choose a time that has not passed yet',
      },
    } as Record<string, FieldProblems>,
    somethingWrong: 'Check this box',

    // The preview.
    previewTitle: 'Check your reminder',
    previewIntro: 'This is how it will look to the people who get it.',
    recipients: (count: number, channels: boolean) =>
      count === 0
        ? 'Nobody can get it at the moment.'
        : channels
          ? `It will be posted in ${plural(count, 'channel', 'channels')}.`
          : `It will go to ${plural(count, 'person', 'people')}.`,
    unreachableIntro: (count: number, channels: boolean) =>
      channels
        ? `${plural(count, 'unit', 'units')} cannot get it:`
        : `${plural(count, 'person', 'people')} cannot get it:`,
    unreachable: {
      guest: (count: number) => `${count} ${count === 1 ? 'is a guest' : 'are guests'}`,
      otherTenant: (count: number) =>
        `${count} ${count === 1 ? 'is' : 'are'} from another organisation’s Teams`,
      stoppedReminders: (count: number) => `${count} ${count === 1 ? 'has' : 'have'} stopped reminders`,
      stoppedOrPaused: (count: number) =>
        `${count} ${count === 1 ? 'has' : 'have'} stopped reminders or paused check-ins`,
      noChannel: (count: number) => `${count} ${count === 1 ? 'has' : 'have'} no channel I can post in`,
      notAllowed: (count: number) =>
        `${count} cannot get messages from me: they blocked me, or I am not in any of their teams`,
    },
    generalChannel: (count: number) =>
      count === 1
        ? '1 unit has no summary channel, so its team’s General channel is used.'
        : `${count} units have no summary channel, so their team’s General channel is used.`,
    duration: (seconds: number): string => {
      const minutes = Math.round(seconds / 60);
      const hours = Math.round(seconds / 3_600);
      const days = Math.round(seconds / 86_400);
      if (seconds < 60) return 'less than a minute';
      if (minutes < 90) return `about ${plural(minutes, 'minute', 'minutes')}`;
      if (hours < 36) return `about ${plural(hours, 'hour', 'hours')}`;
      return `about ${plural(days, 'day', 'days')}`;
    },
    estimate: (duration: string) => `Sending should take ${duration}.`,
    quietHours: (finish: string) =>
      `Reminders go out only at the times your organisation allows, so some will wait until then. All should arrive by ${finish}.`,
    scheduledFor: (at: string) => `It will go on ${at}.`,
    skippedHour: (asked: string, at: string) =>
      `The clocks go forward that night, so ${asked} does not happen. It will go when they change, at ${at}.`,
    repeatedHour: (asked: string, at: string) =>
      `The clocks go back that night, so ${asked} happens twice. It will go the first time, at ${at}.`,
    send: 'Send',
    scheduleFor: (at: string) => `Schedule for ${at}`,
    change: 'Change',
    nothingToSend:
      'Nobody can get this reminder at the moment, so there is nothing to send. Select Change to choose other people.',
    noOpenCycle:
      'There is no check-in open at the moment, so nobody is waiting to answer one. Choose other people, or send it when the next check-in opens.',

    // The reminder people get.
    why: {
      everyone: (organisation: string, sender: string) =>
        `You get this because it was sent to everyone at ${organisation} by ${sender}.`,
      units: (units: string, sender: string) =>
        `You get this because you are in ${units}. It was sent by ${sender}.`,
      channels: (units: string, sender: string) => `This was posted for everyone in ${units} by ${sender}.`,
      notAnswered: (sender: string) =>
        `You get this because you have not answered this week’s check-in yet. It was sent by ${sender}.`,
      managers: (sender: string) => `You get this because you manage a unit. It was sent by ${sender}.`,
    },
    senders: {
      lead: 'a partnership lead',
      admin: 'an admin',
      manager: 'a manager',
    } as Record<string, string>,
    yourOrganisation: 'your organisation',
    either: (names: string[]) => new Intl.ListFormat('en-GB', { type: 'disjunction' }).format(names),
    both: (names: string[]) => new Intl.ListFormat('en-GB', { type: 'conjunction' }).format(names),
    stopNote:
      'To stop reminders like this, select Stop reminders. Your weekly check-ins and their reminder are not affected: to stop those, type stop.',
    gotIt: 'Got it',
    stop: 'Stop reminders',
    start: 'Start reminders again',
    noted: 'Thanks, noted.',
    stopped:
      'Done. You will not get reminders like this any more. Your weekly check-ins have not changed. To get reminders again, select Start reminders again.',
    started: 'Done. You will get reminders again.',
    gone: 'This reminder is no longer available. Nothing has been changed.',
    reminderTitle: 'Reminder',

    // Progress and the delivery report, for the person who sent it.
    state: {
      scheduled: (at: string) => `Scheduled for ${at}.`,
      preparing: 'Getting ready to send.',
      sending: (at: string) => `Sending since ${at}.`,
      sent: (at: string) => `Sent on ${at}.`,
      cancelled: (at: string) => `Cancelled on ${at}.`,
    },
    facts: { to: 'To', sentBy: 'Sent by', created: 'Written on' },
    audienceWords: {
      everyone: 'everyone',
      units: (units: string) => `members of ${units}`,
      channels: (units: string) => `the channels of ${units}`,
      notAnswered: 'people who had not answered the check-in',
      managers: 'managers',
    },
    counts: {
      delivered: 'Delivered',
      waiting: 'Waiting to send',
      blocked: 'Blocked the app',
      notFound: 'Not found in Teams',
      tooLarge: 'Too large for Teams',
      failed: 'Failed',
      cancelled: 'Cancelled before sending',
      possiblyDuplicated: 'May have had it twice',
    },
    countsHeading: 'Delivery',
    responsesHeading: 'Responses',
    acknowledged: (count: number) => `${count} selected Got it.`,
    readAtLeast: (count: number) => `At least ${count} read it.`,
    readNote: 'Teams tells me someone has read it only when their settings allow it, so more may have.',
    channelsNote: 'In channels, everyone who selected Got it is counted.',
    failuresIntro: 'What Teams said about those not delivered:',
    failure: (words: string, count: number) => `${words}: ${count}`,
    failureCodes: {
      MessageWritesBlocked: 'they blocked the app',
      ConversationBlockedByUser: 'they blocked the app',
      BotNotInConversationRoster: 'the app is no longer in their chat or team',
      BotDisabledByAdmin: 'an admin turned the app off',
      NoConversation: 'there is no chat with them',
      UnknownPerson: 'the person is not known',
      MessageSizeTooBig: 'the message was too large',
      UnknownCard: 'the reminder could not be shown',
    } as Record<string, string>,
    failureCode: (code: string) => `Teams answered ${code}`,
    unreachableWhenSent: (count: number, channels: boolean) =>
      channels
        ? `When it went, ${plural(count, 'unit', 'units')} could not get it:`
        : `When it went, ${plural(count, 'person', 'people')} could not get it:`,
    countsOnly:
      'This went to people who had not answered the check-in, so you see counts only: nobody is named.',
    exportNote:
      '“Download CSV” gives a file of each recipient’s delivery status (ids and states only). The link works once and for 15 minutes; press Refresh for a new one.',
    downloadCsv: 'Download CSV',
    exportFilename: (id: string) => `reminder-${id}-delivery.csv`,
    exportDescribe: (title: string) =>
      `The delivery status of each recipient of the reminder “${title}”: ids and states only, one row each.`,
    refresh: 'Refresh',
    cancel: 'Cancel',
    list: 'All reminders',
    newReminder: 'New reminder',
    confirmCancelSending:
      'Cancel this reminder? People who already have it keep it. Those still waiting will not get it.',
    confirmCancelScheduled: 'Cancel this reminder? It will not be sent.',
    cancelYes: 'Yes, cancel it',
    cancelNo: 'No, keep it',
    sent: (count: number, channels: boolean) =>
      channels
        ? `Done. Your reminder is being posted in ${plural(count, 'channel', 'channels')}.`
        : `Done. Your reminder is going out to ${plural(count, 'person', 'people')}.`,
    scheduled: (at: string) => `Done. Your reminder will go on ${at}.`,
    cancelledSending: (count: number) =>
      `Done. It is cancelled: ${count} still waiting will not get it. People who already have it keep it.`,
    cancelledScheduled: 'Done. It is cancelled and will not be sent.',
    alreadyFinished: 'It had already finished, so there was nothing to cancel. Nothing has been changed.',
    notFound: 'I cannot find that reminder. Nothing has been changed.',
    notSender: 'Only the person who sent this reminder, partnership leads and admins can see its report.',
    notSenderCancel:
      'Only the person who sent this reminder, or an admin, can cancel it. Nothing has been changed.',
    refused:
      'Only managers, partnership leads and admins can send reminders. Managers can send them to the units they manage. Nothing has been changed.',
    refusedUnits: 'Managers can send reminders only to the units they manage. Nothing has been changed.',
    refusedAudience:
      'Only partnership leads and admins can send reminders to everyone. Nothing has been changed.',
    noUnits:
      'None of the units you manage uses weekly check-ins yet, so there is nobody to send a reminder to. A team becomes a unit when its manager types “track this team” in one of its channels.',

    // "broadcasts": the list.
    listTitle: 'Reminders',
    listIntro: 'Newest first. Select one to see its delivery report.',
    none: 'No reminders have been sent or scheduled yet.',
    noMore: 'There are no older reminders.',
    older: 'Older',
    newer: 'Newer',
    open: 'Open report',
    by: (name: string) => `Sent by ${name}`,
    someone: 'someone who has left',
  },

  /** The `export` command, its cards, the download page's description and the files' words. */
  exports: {
    // The card to choose an export.
    title: 'Export data',
    intro:
      'Choose what to export and the period. You will get a link to a page where you can download a CSV file, which opens in a spreadsheet.',
    rules: (anonymityMin: number) =>
      `Files never name patients, and results are totals only: a staff pulse result shows only when at least ${anonymityMin} people answered. Numbers of people from 1 to 7 show as “fewer than 8”.`,
    kindLabel: 'What do you want to export?',
    kindError: 'Choose what to export',
    kinds: {
      results: 'Check-in and measure results, by unit and week',
      actions: 'Patient input actions',
      broadcasts: 'Reminders sent, and how they were delivered',
      audit: 'The audit log',
      boardPack: 'Board pack: status and trend for each principle, activities and “you said, we did”',
    } as Record<string, string>,
    periodLabel: 'Which period?',
    periodError: 'Choose a period',
    lastWeeks: (from: string, to: string) => `The last 13 weeks: ${from} to ${to}`,
    quarter: (quarter: number, startYear: number, from: string, to: string) =>
      `Quarter ${quarter} of ${startYear} to ${startYear + 1}: ${from} to ${to}`,
    unitsLabel: 'Which units? For results, actions and the board pack',
    unitsHint:
      'Leave this empty for all the units you can export. For the board pack, choose organisations, or leave it empty for all of them.',
    continue: 'Continue',
    noUnitsToChoose:
      'There are no units to choose yet. A team becomes a unit when its manager types “track this team” in one of its channels.',

    // The card with the link.
    readyTitle: 'Your export is ready',
    readyIntro:
      'Open the download page to get the file. The page shows what the file holds before you download it.',
    facts: { what: 'What', period: 'Period', units: 'Units', file: 'File' },
    contents: {
      results: (k: number) =>
        `A row for each unit and week: how many answered the check-in; for each principle, how many answered yes or no and the share saying yes, shown only when at least ${k} people answered; and each measure’s value, status and trend.`,
      actions: () =>
        'A row for each action: its date, unit, type, depth, principles and numbers of people (1 to 7 show as “fewer than 8”). Titles and “what we heard” and “what we did” are included only for actions marked OK to share.',
      broadcasts: () =>
        'A row for each reminder: who sent it (their role, not their name), who it was for, and how many were delivered, failed, acknowledged and read. Counts only: nobody is named.',
      audit: () =>
        'A row for each entry in the audit log: when, who, what and what it was about, as ids and names. No text anyone typed.',
      boardPack: (k: number) =>
        `For each organisation: the status and trend of each principle and measure, the check-in response, activities by type and depth, and “you said, we did” from actions marked OK to share. Staff pulse results show only when at least ${k} people answered.`,
    } as Record<string, (anonymityMin: number) => string>,
    allUnits: 'All the units you can export',
    wholeOrganisation: 'The whole organisation',
    notAboutUnits: 'Not about particular units',
    openPage: 'Open download page',
    linkRule: 'This link works once and for 15 minutes.',
    another: 'Export something else',

    // What can go wrong.
    unknownUnits: 'You cannot export some of the units you chose. Choose from the list and try again.',
    boardPackUnits:
      'The board pack is about organisations. Choose organisations from the list, or leave the units empty for all of them.',
    noUnits:
      'There is nothing to export yet: none of your units uses weekly check-ins. A team becomes a unit when its manager types “track this team” in one of its channels.',
    badPeriod: 'Choose one of the periods on the list.',
    boardPackWhat: 'export the board pack',

    // The download page and the file's name.
    filename: (kind: string, periodId: string) =>
      `${{ results: 'results', actions: 'actions', broadcasts: 'reminders', audit: 'audit-log', boardPack: 'board-pack' }[kind] ?? 'export'}-${periodId.replace('..', '-to-')}.csv`,
    describe: (what: string, period: string, units: string) => `${what}. Period: ${period}. Units: ${units}.`,

    // Words shared by the files.
    fewerThan: (k: number) => `fewer than ${k}`,
    yes: 'Yes',
    no: 'No',
    preview: 'Week not finished: the numbers may change',

    results: {
      header: [
        'Unit',
        'Week beginning',
        'Week',
        'Section',
        'Principle',
        'Measure ID',
        'Measure',
        'Answered yes or no',
        'Yes',
        'No',
        '% yes',
        'Value',
        'Status',
        'Trend',
        'Note',
      ],
      sections: { responses: 'Check-in response', pulse: 'Staff pulse', measure: 'Measure' },
      responses: (answered: number, expected: number, percent?: number) =>
        `${answered} of ${plural(expected, 'person', 'people')} answered${percent === undefined ? '' : ` (${percent}%)`}`,
      shown: 'Shown',
      hidden: {
        tooFew: (k: number) => `Not shown: fewer than ${k} people answered`,
        tooFewApplied: (k: number) => `Not shown: it applied to fewer than ${k} of the people who answered`,
      } as Record<string, (k: number) => string>,
      leftOut: 'Some answers from small units are left out, so that nobody’s answers can be worked out',
    },

    actions: {
      header: [
        'Date',
        'Unit',
        'Action ID',
        'Type',
        'Depth',
        'Principles',
        'Tags',
        'Patients',
        'Carers',
        'Members of the public',
        'What changed',
        'Participants told on',
        'OK to share',
        'Title',
        'What we heard',
        'What we did',
      ],
      notShared: 'No: its texts are not exported',
    },

    broadcasts: {
      header: [
        'Sent, or due',
        'Reminder ID',
        'Title',
        'Sent by',
        'Audience',
        'Units or channels',
        'State',
        'Recipients',
        'Delivered',
        'Waiting to send',
        'Blocked the app',
        'Not found in Teams',
        'Too large for Teams',
        'Failed',
        'Cancelled before sending',
        'May have had it twice',
        'Selected Got it',
        'Read, at least',
      ],
      senders: { lead: 'A partnership lead', admin: 'An admin', manager: 'A manager' } as Record<
        string,
        string
      >,
      audiences: {
        everyone: 'Everyone',
        units: 'Members of chosen units',
        channels: 'Channels of chosen units',
        notAnswered: 'People who had not answered the check-in (counts only)',
        managers: 'Managers',
      } as Record<string, string>,
      states: { scheduled: 'Scheduled', sending: 'Sending', sent: 'Sent', cancelled: 'Cancelled' } as Record<
        string,
        string
      >,
    },

    audit: {
      header: [
        'When',
        'Time (UTC)',
        'Who (ID)',
        'Who',
        'What (code)',
        'What',
        'Outcome',
        'About (IDs)',
        'About',
      ],
      unknownName: 'Not known',
    },

    boardPack: {
      header: ['Organisation', 'Section', 'Item', 'Figure', 'Status', 'Trend', 'Detail'],
      sections: {
        about: 'About',
        principle: 'Principle',
        measure: 'Measure',
        activity: 'Patient input',
        byType: 'Activities by type',
        byDepth: 'Activities by depth',
        highlights: 'You said, we did',
      },
      period: 'Period',
      week: 'Figures and trends for the week beginning',
      noWeek: 'No check-in in this period: principles and measures are not shown',
      units: 'Units',
      unitsDetail: (tooSmall: number) =>
        tooSmall === 0
          ? 'Every unit is large enough to show on its own'
          : `${plural(tooSmall, 'unit is', 'units are')} too small to show on their own, and only count in the organisation’s figures`,
      responses: 'Check-in response',
      responseRate: (answered: number, expected: number, percent?: number) =>
        `${answered} of ${expected}${percent === undefined ? '' : ` (${percent}%)`}`,
      pulse: (percent: number, yes: number, applied: number) => `${percent}% said yes (${yes} of ${applied})`,
      maturity: (level: string) => `Maturity: ${level}`,
      statusCounts: (parts: string) => `Measures: ${parts}`,
      mostOffTrack: (label: string) => `Most off track: ${label}`,
      activities: 'Activities logged',
      deep: 'At co-design or co-produce level',
      deepFigure: (count: number, of: number, percent?: number) =>
        `${count} of ${of}${percent === undefined ? '' : ` (${percent}%)`}`,
      people: 'Patients, carers and members of the public who took part',
      peopleDetail: (people: string) => `People who took part: ${people}`,
      highlight: (heard: string | undefined, did: string) =>
        heard ? `You said: ${heard} We did: ${did}` : `We did: ${did}`,
    },
  },

  /** The settings card (admins): the threshold, the weekly schedule, quiet hours and the send rate. */
  settings: {
    title: 'Settings',
    intro:
      'These apply to everyone in your organisation as soon as you save them. Anything not set here comes from the app’s configuration (the environment).',
    problemHeading: 'There is a problem',
    sources: {
      here: (date: string, name: string) => `Set here on ${date} by ${name}.`,
      environment: 'From the environment (the app’s configuration).',
      someone: 'an admin',
    },
    names: {
      anonymityMin: 'Fewest answers before results show',
      checkinOpens: 'Check-in opens',
      checkinNudge: 'Reminder to people who have not answered',
      checkinCloses: 'Check-in closes',
      summaryPosts: 'Summaries and digests are posted',
      quietHours: 'When messages may be delivered',
      sendRate: 'Sending speed',
    } as Record<string, string>,
    threshold: {
      label: 'Fewest answers (3 to 25)',
      hint: 'A pulse result for a team or a principle shows only when at least this many people answered, so that nobody’s answers can be worked out. Most organisations use 5.',
      inputError: 'Enter a whole number from 3 to 25',
    },
    schedule: {
      heading: 'Weekly check-in',
      intro: (zone: string) =>
        `Times are ${zone} time. A check-in that would open on a bank holiday opens on the next working day at the same time.`,
      dayLabel: (step: string) => `${step}: day`,
      timeLabel: (step: string) => `${step}: time`,
      custom: (cron: string) =>
        `The environment sets this with a pattern this card cannot show (${cron}). Choose a day and a time to replace it, or leave both empty to keep it.`,
    },
    days: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    quietHours: {
      modeLabel: 'Check-in prompts, nudges, digests and reminders',
      modes: {
        hours: 'Deliver only on the days and between the times below',
        off: 'Off: deliver at any time, for services that run round the clock',
      },
      daysLabel: 'Days',
      fromLabel: 'From',
      toLabel: 'Until',
      hint: 'Messages due outside these hours wait until they start. An “Until” earlier than “From” runs overnight into the next day. Channel summaries are not held back.',
    },
    sendRate: {
      label: 'Messages a second (1 to 50)',
      hint: 'Teams lets an app send at most 50 requests a second across your organisation, and will not raise this. 30 leaves room for everything else the app does. A lower number makes large reminders take longer.',
      inputError: 'Enter a whole number from 1 to 50',
    },
    values: {
      threshold: (count: number) => `${count}`,
      step: (day: string, time: string) => `${day} at ${time}`,
      custom: (cron: string) => `the pattern ${cron}`,
      quietOff: 'at any time (quiet hours off)',
      quiet: (days: string, from: string, to: string) =>
        from === to ? `${days}, all day` : `${days}, ${from} to ${to}`,
      dayRange: (first: string, last: string) => `${first} to ${last}`,
      everyDay: 'every day',
      rate: (count: number) => `${count} a second`,
    },
    save: 'Save settings',
    reset: 'Reset to the environment',
    saved: 'Saved. These apply straight away:',
    changedLine: (name: string, value: string) => `${name}: now ${value}.`,
    scheduleNote: 'The check-in that is open now follows the new times for its steps still to come.',
    unchanged: 'Nothing changed: these were already the settings.',
    stale:
      'Someone changed the settings after this card was shown, so nothing has been saved. Here they are now: make your change again if you still need it.',
    resetTitle: 'Use the environment’s settings again?',
    resetIntro: 'This clears what admins set here. These settings go back to the app’s configuration:',
    resetLine: (name: string, now: string, environment: string) => `${name}: ${now} becomes ${environment}.`,
    resetConfirm: 'Yes, reset them',
    cancel: 'No, go back',
    resetDone: 'Done. Every setting now comes from the environment.',
    nothingToReset: 'Nothing is set here, so every setting already comes from the environment.',
    problems: {
      anonymityMin: {
        default: 'Enter the fewest answers as a whole number from 3 to 25, like 5',
        range: 'Enter a number from 3 to 25. Fewer than 3 could let someone work out a person’s answers',
      },
      step: {
        default: 'Choose a day and enter a time, like 09:00',
        noDay: 'Choose a day',
        noTime: 'Enter a time, like 09:00',
        badTime: 'Enter a time between 00:00 and 23:59, like 09:00',
        closesAtOpening: 'The check-in cannot close at the moment it opens. Choose another time to close it',
        nudgeOrder: 'Send the reminder after the check-in opens and before it closes, in the same week',
        summaryOrder: 'Post summaries after the check-in closes and before the next one opens',
      },
      quietHours: {
        default: 'Choose whether messages wait for the hours below, or can go at any time',
        noDays: 'Choose at least one day, or choose “Off”',
        badTimes: 'Enter both times, like 08:00 and 18:00',
      },
      sendRate: {
        default: 'Enter the sending speed as a whole number from 1 to 50, like 30',
        range: 'Enter a number from 1 to 50. Teams refuses more than 50 a second',
      },
    } as Record<string, { default: string; [problem: string]: string }>,
  },

  erasure: {
    searchTitle: 'Erase a person’s data',
    searchIntro:
      'Find the person by name. Nothing is erased until you confirm on the next card. Use this when someone asks for their data to be erased.',
    queryLabel: 'Their name',
    queryPlaceholder: 'For example, Sam Jones',
    queryError: 'Type at least one letter of their name.',
    queryProblem: 'Type at least one letter of their name, then select Find.',
    find: 'Find',
    results: (count: number, query: string) =>
      count === 0 ? `Nobody found for "${query}".` : `People found for "${query}":`,
    choose: 'Choose',
    guest: 'guest',
    you: 'This is you. Another admin must erase your data.',
    confirmTitle: (name: string) => `Erase ${name}’s data?`,
    happens: 'This is what will happen:',
    removed:
      'Their name, their chats with me, their roles, their team memberships and their check-in settings will be deleted.',
    answers:
      'Their check-in answers will stay only as anonymous counts, so totals and response rates do not change. Any comments they wrote will be deleted.',
    actions: 'The actions they logged will stay, shown as logged by a former staff member.',
    measures: (units: string) =>
      `They answer the measures of ${units}. Its managers will be asked to choose someone else.`,
    audit: 'The audit log will record that you erased someone’s data, without their name.',
    warning: 'This cannot be undone.',
    confirmLabel: 'Confirm',
    understand: 'I understand that this cannot be undone',
    confirmError: 'Tick the box to confirm.',
    erase: 'Erase their data',
    back: 'Back',
    needsConfirm:
      'Tick “I understand that this cannot be undone”, then select Erase their data. Nothing has been erased yet.',
    receiptTitle: (name: string) => `${name}’s data has been erased`,
    receiptAnswers: (pulses: number) =>
      pulses === 0
        ? 'They had no check-in answers.'
        : pulses === 1
          ? 'Their check-in answer stays only as an anonymous count.'
          : `Their ${pulses} check-in answers stay only as anonymous counts.`,
    receiptActions: (actions: number) =>
      actions === 0
        ? 'They had logged no actions.'
        : `${actions === 1 ? 'The action they logged now shows' : `The ${actions} actions they logged now show`} as logged by a former staff member.`,
    receiptAudit: 'This has been recorded in the audit log, without their name.',
    another: 'Erase someone else’s data',
    notFound:
      'I could not find that person. Their data may already have been erased. Nothing has been changed.',
    self: 'You cannot erase your own data. Ask another admin to do it. Nothing has been changed.',
    alreadyUsed: 'That card has already been used, so nothing more was done. Find the person again to check.',
    formerStaff: 'a former staff member',
    formerStaffName: 'Former staff member',
  },

  retention: {
    /** What a purge removed, as the audit log shows it. */
    counted: {
      cycles: (n: number) => `${n} ${n === 1 ? 'week' : 'weeks'} of check-ins`,
      latestAnswers: (n: number) => `${n} measure ${n === 1 ? 'answer' : 'answers'} no longer latest`,
      actionMonths: (n: number) => `${n} ${n === 1 ? 'month' : 'months'} of actions`,
      deletedActions: (n: number) => `${n} deleted ${n === 1 ? 'action' : 'actions'}`,
      broadcasts: (n: number) => `${n} ${n === 1 ? 'broadcast' : 'broadcasts'}`,
      deliveryBatches: (n: number) => `${n} delivery ${n === 1 ? 'record' : 'records'}`,
      auditMonths: (n: number) => `${n} ${n === 1 ? 'month' : 'months'} of this log`,
    },
    keptFrom: (date: string) => `everything from ${date} kept`,
  },

  errors: {
    title: 'Sorry, something went wrong',
    refusedTitle: 'You cannot do this',
    unexpected: 'I could not do that. Nothing has been changed. Please try again in a minute, or type help.',
    unknownAction:
      'That button no longer works, perhaps because the card is out of date. Nothing has been changed.',
    badInput: 'I could not read what was sent. Nothing has been changed. Please try again.',
    message:
      'Sorry, something went wrong on my side. Nothing has been changed. Please try again in a minute.',
  },

  checkins: {
    title: 'Check-ins',
    pulseTitle: 'Your weekly check-in',
    closedTitle: 'This check-in has closed',
    yourUnit: 'your team',
    yourOrganisation: 'your organisation',
    cardsBelow: 'Your check-ins are in the messages below.',

    // Notices the bot sends as messages or small cards.
    opened: (weekOf: string, people: number, owners: number) =>
      `Done. Check-ins for the week of ${weekOf} are going out to ${people === 1 ? '1 person' : `${people} people`} ` +
      `and ${owners === 1 ? '1 measure owner' : `${owners} measure owners`}.`,
    alreadyOpen: (weekOf: string) =>
      `Check-ins for the week of ${weekOf} are already open. Nothing has been sent again.`,
    closedOn: (date: string) => `This check-in closed on ${date}. Your next one comes on Monday.`,
    notExpected: 'You are not due a check-in this week. People who join a team start the week after.',
    noCycle: 'There is no check-in open at the moment. The next one opens on Monday.',
    notAnOwner: 'You do not answer measures for this unit. Nothing has been saved.',
    awaySaved: (date: string) => `Done. I will not send you check-ins until ${date}.`,
    awayInPast: 'Choose a date after today.',
    saved: 'Saved.',
    leftUnit: (unit?: string) =>
      `You are no longer in ${unit ?? 'this unit'}, so this check-in is closed for you.`,

    /** Lines for the `status` command. */
    status: {
      answered: (date: string) => `You answered this week’s check-in on ${date}.`,
      notAnswered: (closesOn: string) =>
        `You have not answered this week’s check-in yet. It is open until ${closesOn}. Type checkin to get it.`,
      paused: (until: string) => `Your check-ins are paused until ${until}.`,
      stopped: 'Your check-ins are stopped. Type resume to start them again.',
      guest: 'You are a guest in this organisation, so you do not get staff check-ins.',
      notExpected: 'You are not due a check-in this week. People who join a team start the week after.',
      measuresDue: (answered: number, due: number) =>
        `You have answered ${answered} of the ${due === 1 ? '1 measure' : `${due} measures`} due this week.`,
    },

    // The staff pulse.
    why: {
      scheduled: (unit: string) =>
        `You get this because you are in ${unit}, which takes part in weekly check-ins.`,
      nudge: (unit: string) =>
        `A gentle reminder: you have not answered this week’s check-in yet. You get this because you are in ${unit}, which takes part in weekly check-ins.`,
    },
    privacy: 'It takes about a minute. Managers see only totals, never your own answers.',
    answerAll: (count: number) => `Answer all ${count} questions. They are about your own work this week.`,
    openUntil: (date: string) => `Open until ${date}.`,
    questionLabel: (number: number, question: string) => `${number}. ${question}`,
    choices: { yes: 'Yes', no: 'No', notApplicable: 'Not applicable this week' },
    commentLabel: 'Anything to add? (optional)',
    commentPlaceholder:
      'Do not include anything that could identify a patient, such as a name, NHS number or date of birth.',
    submit: 'Submit',
    away: 'I’m away',
    awayLabel: 'I’m away until',
    awayError: 'Enter the date you are back',
    pauseUntil: 'Pause my check-ins',

    // After a pulse is saved.
    thanks: (weekOf: string) => `Thank you. Your check-in for the week of ${weekOf} is saved.`,
    countsTowards: (unit: string) =>
      `Your answers count towards the totals for ${unit}. Managers never see your own answers.`,
    answerWords: { yes: 'Yes', no: 'No', notApplicable: 'Not applicable' },
    yourComment: 'Your comment',
    canChangeUntil: (date: string) => `You can change your answers until ${date}.`,
    change: 'Change my answers',

    // The patient-data guard, about the comment.
    guardRules: {
      nhsNumber: 'an NHS number (or another 10-digit number)',
      email: 'an email address',
      phone: 'a phone number',
      postcode: 'a full postcode',
      niNumber: 'a National Insurance number',
      dateOfBirth: 'a date of birth',
      titleAndName: 'a person’s name',
      bedWithDate: 'a bed or ward number with a date',
    },
    list: (words: string[]) => new Intl.ListFormat('en-GB', { type: 'conjunction' }).format(words),
    guardBlocked: (found: string) =>
      `Your comment looks like it contains ${found}. Remove it and submit again. Never include anything that could identify a patient.`,
    guardWarning: (found: string) =>
      `Your comment might contain ${found}. Check that it does not identify a patient. If it does not, tick the box below and submit again.`,
    confirmLabel: 'Check your comment',
    confirmTitle: 'I have checked: my comment does not identify a patient',

    // What went wrong with an answer. `what` names the question or measure.
    problemHeading: 'There is a problem',
    questionRef: (number: number, principle: string) => `question ${number}: ${principle}`,
    commentRef: 'your comment',
    measureRef: (label: string) => `“${label}”`,
    partRef: (label: string, part: string) => `“${label}” (${part.toLowerCase()})`,
    problems: {
      required: (what: string) => `Answer ${what}`,
      invalidChoice: (what: string) => `Choose one of the answers for ${what}`,
      notAWholeNumber: (what: string) => `Enter a whole number for ${what}, like 12`,
      negative: (what: string) => `Enter 0 or more for ${what}`,
      tooLarge: (what: string) => `Enter a smaller number for ${what}. Check it for a typing mistake`,
      numeratorOverDenominator: (what: string) =>
        `For ${what}, “How many met it” must not be more than “Out of how many”`,
      unknownMeasure: (what: string) => `${what} cannot be answered here`,
      tooLong: (what: string) => `Shorten ${what} to 500 characters or fewer`,
    },

    // Measures, for their owners.
    measuresTitle: (unit: string) => `Measures for ${unit}`,
    measuresPage: (principle: string, page: number, pages: number) =>
      `${principle} (page ${page} of ${pages})`,
    measuresWhy: {
      scheduled: (unit: string) => `You get this because you answer these measures for ${unit}.`,
      nudge: (unit: string) =>
        `A gentle reminder: some measures are not answered yet. You get this because you answer these measures for ${unit}.`,
    },
    measuresWeek: (weekOf: string) => `For the week of ${weekOf}. Answer every measure on this page.`,
    savedOnItsOwn: 'Each page is saved on its own.',
    someoneElse: 'If someone else should answer these, tell your partnership lead.',
    lastAnsweredOn: (date: string) => `Last answered on ${date}`,
    notAnsweredBefore: 'Not answered before',
    target: (value: string) => `Target: ${value}`,
    targetAtLeast: (count: number) => `at least ${count}`,
    evidence: (what: string) => `Evidence you might keep: ${what}`,
    maturityLabel: 'Where things stand',
    yesNoLabel: 'Answer',
    countLabel: 'Number',
    numeratorLabel: 'How many met it',
    denominatorLabel: 'Out of how many',
    zeroOfZero: 'Enter 0 and 0 if there was nothing to count this period.',
    chooseError: 'Choose one answer',
    numberError: 'Enter a whole number, 0 or more',
    maturityLevels: {
      notStarted: { name: 'Not started', definition: 'nothing agreed' },
      planning: { name: 'Planning', definition: 'owner and plan agreed, not yet in use' },
      inProgress: {
        name: 'In progress',
        definition: 'in use in some teams or services, or not yet reliable',
      },
      embedded: {
        name: 'Embedded',
        definition: 'routine across the organisation, checked and sustained for at least 3 months',
      },
    },
    maturityChoice: (name: string, definition: string) => `${name}: ${definition}`,
    periodChoices: { yes: 'Yes', no: 'No', notApplicable: 'Not applicable this period' },
    savePage: 'Save this page',
    nextPage: 'Next page',
    pageButton: (page: number) => `Page ${page}`,

    // After a measures page is saved.
    pageSaved: 'Thank you. This page is saved.',
    percentValue: (numerator: string, denominator: string, percent: number) =>
      `${numerator} of ${denominator} (${percent}%)`,
    nothingToCount: '0 of 0 (nothing to count)',
    withTarget: (value: string, target: string) => `${value}. Target: ${target}`,
    canChangePage: 'You can change these answers until the check-in closes.',
  },

  /** Weekly principle summaries in channels and managers' digests: every code the digest maths gives, in words. */
  summaries: {
    summaryTitle: (unit: string) => `${unit}: weekly summary`,
    digestTitle: (unit: string) => `${unit}: weekly digest`,
    weekOf: (monday: string) => `For the week of ${monday}.`,
    preview: (closesOn: string) =>
      `Preview: this week is not over yet. The numbers will change until the check-in closes on ${closesOn}.`,
    why: {
      channel: (unit: string) =>
        `Posted here because a manager chose to get ${unit}’s weekly summary in this channel. To stop it, @mention me with “stop summaries here”.`,
      manager: (unit: string) =>
        `You get this because you manage ${unit}. If you no longer manage it, ask an admin to change your roles.`,
    },
    privacy: (anonymityMin: number) =>
      `Totals only: no names and no comments. A staff pulse result shows only when at least ${anonymityMin} people answered. Numbers of people from 1 to 7 show as “fewer than 8”.`,

    // Headline facts, as sentences.
    headlineHeading: 'This week',
    headline: {
      changesMade: (count: number) =>
        `${plural(count, 'change was', 'changes were')} made because of patient input.`,
      offTrack: (count: number) => `${plural(count, 'measure is', 'measures are')} red – off track.`,
      loopOverdue: (count: number) =>
        `${plural(count, '‘you said, we did’ update is', '‘you said, we did’ updates are')} overdue: participants were not told what changed within 90 days.`,
      activities: (count: number, usual?: number) =>
        (count === 0
          ? 'No patient input activities were logged.'
          : `${plural(count, 'patient input activity was', 'patient input activities were')} logged.`) +
        (usual === undefined ? '' : ` The usual number is ${usual}.`),
      noUpdate: (count: number) =>
        `${plural(count, 'measure has', 'measures have')} no update for this period.`,
      responseRate: (answered: number, expected: number, percent?: number) =>
        expected === 0
          ? 'Nobody was due to answer the check-in.'
          : `${answered} of ${plural(expected, 'person', 'people')} answered the check-in${percent === undefined ? '' : ` (${percent}%)`}.`,
      participants: (count: string, usual?: string) =>
        (count === '0'
          ? 'No patients, carers or members of the public took part in logged activities.'
          : `${count} patients, carers and members of the public took part.`) +
        (usual === undefined ? '' : ` The usual number is ${usual}.`),
    },

    // Charts, and the numbers that follow each of them.
    pulseChartTitle: 'Staff saying yes this week, by principle (%)',
    pulseChartAxis: 'Percentage saying yes',
    depthChartTitle: 'Activities this week, by how deep the partnership went',
    depthChartAxis: 'Activities',
    percentFact: (percent: number, yes: number, applied: number) => `${percent}% (${yes} of ${applied})`,
    trendChartTitle: 'Staff saying yes, week by week (%)',
    trendChartAxis: 'Week beginning',
    /** A week's short label on the trend chart, from its Monday ('23 November 2026' → '23 Nov'). */
    weekShort: (weekOf: string) =>
      weekOf
        .split(' ')
        .slice(0, 2)
        .join(' ')
        .replace(/(\w{3})\w+$/, '$1'),
    /** One principle's weeks as text, for anyone who cannot see the chart: '23 Nov 60%, 30 Nov not shown'. */
    trendFact: (weeks: { week: string; percent?: number }[]) =>
      weeks
        .map(({ week, percent }) => `${week} ${percent === undefined ? 'not shown' : `${percent}%`}`)
        .join(', '),

    // One section for each principle.
    principleShort: {
      p1: 'Equals',
      p2: 'Fully informed',
      p3: 'Shared decisions',
      p4: 'Inequalities',
      p5: 'Patient input',
      p6: 'Joined-up services',
    } as Record<string, string>,
    pulse: (percent: number, yes: number, applied: number) =>
      `Staff pulse: ${percent}% said yes (${yes} of the ${plural(applied, 'person', 'people')} it applied to).`,
    hidden: {
      tooFew: (k: number) =>
        `Staff pulse: not shown, because fewer than ${k} people answered. This keeps everyone’s answers confidential.`,
      tooFewApplied: (k: number) =>
        `Staff pulse: not shown, because it applied to fewer than ${k} of the people who answered. This keeps their answers confidential.`,
    },
    change: (points: number) =>
      points === 0
        ? 'The same as last week.'
        : `${points > 0 ? 'Up' : 'Down'} ${plural(Math.abs(points), 'percentage point', 'percentage points')} on last week.`,
    noChange: {
      tooFew: 'Not compared with last week: one of the 2 weeks had too few answers.',
      noPrevious: 'Not compared with last week: there was no check-in last week.',
    } as Record<string, string>,
    trend: (words: string) => `Trend over recent weeks: ${words}.`,
    trends: {
      improving: 'improving',
      noClearChange: 'no clear change',
      gettingWorse: 'getting worse',
      notEnoughData: 'not enough weeks yet to tell',
    } as Record<string, string>,
    maturity: (level: string) => `Maturity: ${level}.`,
    statusCounts: (parts: string) => `Measures: ${parts}.`,
    noMeasures: 'No measures for this principle.',
    mostOffTrack: (label: string, status: string) => `Most off track: ${label} (${status}).`,

    // A measure's status: always a word, never a colour alone.
    statuses: {
      red: 'Red – off track',
      amber: 'Amber – needs attention',
      green: 'Green – on track',
      blue: 'Blue – embedded',
      grey: 'Grey – nothing to judge',
      noUpdate: 'Grey – no update',
      noTarget: 'No target set',
    } as Record<string, string>,
    measure: (label: string, status: string, value: string, trend?: string) =>
      `**${label}**: ${value}.${trend ? ` Trend: ${trend}.` : ''} Status: ${status}.`,
    values: {
      yes: 'Yes',
      no: 'No',
      notApplicable: 'Not applicable',
      count: (count: number, target?: number) =>
        target === undefined ? `${count}` : `${count}, against a target of at least ${target}`,
      percent: (percent: number, numerator: number, denominator: number, target?: number) =>
        `${percent}% (${numerator} of ${denominator})` +
        (target === undefined ? '' : `, against a target of ${target}%`),
      nothingToCount: 'Nothing to count (0 of 0)',
      nothingToMeasure: 'Nothing to measure this period',
      lastAnswered: (date: string) => `Last answered on ${date}`,
      neverAnswered: 'Not answered yet',
    },

    // Patient input this week.
    actionsHeading: 'Patient input this week',
    actionsCount: (count: number) => `${plural(count, 'activity', 'activities')} logged.`,
    deep: (count: number, of: number, percent?: number) =>
      `${count} of ${of} at co-design or co-produce level${percent === undefined ? '' : ` (${percent}%)`}.`,
    byType: (type: string, count: number, people: string) =>
      `${type}: ${plural(count, 'activity', 'activities')}, ${people}.`,
    people: (count: string) => (count === '1' ? '1 person took part' : `${count} people took part`),
    peopleWithheld: 'number of people not shown so that a small group cannot be worked out',
    participants: (count: string, usual?: string) =>
      `People who took part: ${count}${usual === undefined ? '' : ` (usual: ${usual})`}.`,
    fewerThan8: 'fewer than 8',
    withheld: 'not shown',
    depthShort: {
      inform: 'Inform',
      consult: 'Consult',
      involve: 'Involve',
      'co-design': 'Co-design',
      'co-produce': 'Co-produce',
    } as Record<string, string>,

    highlightsHeading: 'You said, we did',
    overdueHeading: '‘You said, we did’ updates overdue',
    overdue: (owner: string, count: number, oldest: string) =>
      count === 1
        ? `${owner}: 1 update, due on ${oldest}.`
        : `${owner}: ${count} updates, the oldest due on ${oldest}.`,

    gapsHeading: 'Who answered, and what needs an update',
    noUpdateIntro: 'These measures have no update for this period:',
    noUpdateLine: (label: string, last: string) => `${label} (${lowerFirst(last)}).`,
    noUpdateOwner: (label: string, owner: string, last: string) =>
      `${label}: ${owner} to update (${lowerFirst(last)}).`,
    noUpdateNoOwner: (label: string, last: string) =>
      `${label}: nobody chosen to update it (${lowerFirst(last)}). Type “set up check-ins” to choose someone.`,
    allUpdated: 'Every measure has an update for this period.',
    unknownName: 'someone whose name I do not know yet',

    // A unit with no answers and no actions.
    empty: {
      title: 'No one has answered this week’s check-in yet, and no patient input actions have been logged.',
      /** For a week that has finished. */
      titleClosed: 'No one answered that week’s check-in, and no patient input actions were logged.',
      channel: [
        'You can change that in a minute: answer the check-in when it arrives in your chat with me. Managers see only totals.',
        'To record something your team did with patients, carers or the public, chat with me and type “log action”.',
      ],
      manager: [
        'Remind your team that the check-in takes about a minute and that you see only totals.',
        'Ask them to log what they do with patients, carers and the public: they chat with me and type “log action”.',
        'To check who answers your measures, type “set up check-ins”.',
      ],
    },

    // Buttons on the digest.
    previousWeek: 'Previous week',
    nextWeek: 'Next week',
    noWeek: (weekOf: string) =>
      `There was no check-in in the week of ${weekOf}, so there is nothing to show for it.`,

    // Choosing a unit, for someone who may see many.
    chooserTitle: 'Weekly digests',
    chooserIntro: 'Choose the unit whose digest you want to see.',
    unitLabel: 'Unit',
    unitError: 'Choose a unit',
    show: 'Show digest',
    below: (unit: string) => `${unit}’s digest is in the message below.`,

    // Typed commands and their answers.
    here: (unit: string) =>
      `Done. This channel will get ${unit}’s weekly summary every Monday, after the week’s check-in closes. It shows totals only: never names or comments. To stop it, @mention me with “stop summaries here”.`,
    movedHere: 'It no longer goes to the channel it went to before.',
    alreadyHere: (unit: string) => `This channel already gets ${unit}’s weekly summary. Nothing has changed.`,
    stoppedHere: (unit: string) =>
      `Done. This channel will no longer get ${unit}’s weekly summary. Its managers still get their digest.`,
    notHere: (unit: string) =>
      `This channel does not get ${unit}’s weekly summary, so there was nothing to stop.`,
    notTracked: 'This team does not use weekly check-ins yet. @mention me with “track this team” first.',
    noCycle: 'There is no check-in yet, so there is nothing to show. The first one opens on Monday.',
    noUnits:
      'You have no units with weekly check-ins yet. A team becomes a unit when its manager types “track this team” in one of its channels.',
    notAvailable: 'That unit does not use weekly check-ins any more, so there is nothing to show.',
    posted: (summaries: number, digests: number, weekOf: string, organisationDigests = 0) =>
      `Done. Posted ${plural(summaries, 'summary', 'summaries')} and ${plural(digests, 'digest', 'digests')} for the week of ${weekOf}.` +
      (organisationDigests > 0
        ? ` The organisation digest goes to ${plural(organisationDigests, 'partnership lead', 'partnership leads')}.`
        : ''),
    alreadyPosted: (weekOf: string) =>
      `Summaries for the week of ${weekOf} were already posted. Nothing has been sent again.`,
    noClosedCycle:
      'No week has finished yet, so there is nothing to post. Summaries go out after a week’s check-in closes.',
  },

  /** The organisation digest for partnership leads, and the organisation summary in an organisation-wide channel. */
  organisation: {
    digestTitle: (name?: string) => (name ? `${name}: organisation digest` : 'Organisation digest'),
    summaryTitle: (name?: string) => (name ? `${name}: organisation summary` : 'Organisation summary'),
    why: {
      lead: 'You get this because you are a patient partnership lead. If you are not any more, ask an admin to change your roles.',
      channel:
        'Posted here because a partnership lead chose to get the organisation’s weekly summary in this channel. To stop it, @mention me with “stop organisation summaries here”.',
    },
    privacy: (anonymityMin: number) =>
      `Totals only: no names of staff and no comments. A staff pulse result, for the organisation or for a unit, shows only when at least ${anonymityMin} people answered. Numbers of people from 1 to 7 show as “fewer than 8”.`,
    unitsIn: (count: number) => `It holds the answers of ${plural(count, 'unit', 'units')}.`,
    leftOut: (anonymityMin: number) =>
      `Answers from some small units are left out of it, because together they came from fewer than ${anonymityMin} people. This keeps their answers confidential.`,

    // How units compare.
    compareHeading: 'How units compare',
    compareIntro: (anonymityMin: number, few: number) =>
      `Units are compared only when at least ${anonymityMin} people answered, so that nobody’s answers can be worked out. You see the ${few} highest and the ${few} lowest.`,
    unitCount: (count: number) =>
      count === 0
        ? 'No units use weekly check-ins yet.'
        : `${plural(count, 'unit uses', 'units use')} weekly check-ins.`,
    tooSmall: (count: number, anonymityMin: number) =>
      `${plural(count, 'unit has', 'units have')} fewer than ${anonymityMin} people. They are never shown on their own: their answers count only in the organisation’s figures.`,
    responseRateHeading: 'Response rate',
    principleHeading: (principle: string) => `${principle}: staff saying yes`,
    highest: 'Highest',
    lowest: 'Lowest',
    all: 'Every unit compared, highest first',
    rateFigure: (percent: number, answered: number, expected: number) =>
      `${percent}% (${answered} of ${expected} answered)`,
    yesFigure: (percent: number, yes: number, applied: number) =>
      `${percent}% said yes (${yes} of ${applied})`,
    notCompared: (count: number, anonymityMin: number) =>
      `${plural(count, 'unit is', 'units are')} not compared, because fewer than ${anonymityMin} people answered.`,
    notComparedApplied: (count: number, anonymityMin: number) =>
      `${plural(count, 'unit is', 'units are')} not compared, because fewer than ${anonymityMin} people said yes or no.`,
    noneCompared: 'No unit had enough answers to compare.',
    typeFigure: (count: number, people: string) => `${plural(count, 'activity', 'activities')}, ${people}`,
    exportLine: 'The figures for every unit will come in an export. Exports are not available yet.',

    // Who answered, and the organisation’s measures with no update.
    loopOverdueLine: (count: number) =>
      `${plural(count, '‘you said, we did’ update is', '‘you said, we did’ updates are')} overdue across units.`,

    // No answers and no actions anywhere.
    empty: [
      'Units get their check-in in their chat with me. Managers and leads see only totals.',
      'To record something a team did with patients, carers or the public, chat with me and type “log action”.',
    ],

    // Typed commands and their answers.
    here: (name: string) =>
      `Done. This channel will get ${name}’s organisation summary every Monday, after the week’s check-in closes. It shows totals only: never names of staff or comments. To stop it, @mention me with “stop organisation summaries here”.`,
    alreadyHere: (name: string) =>
      `This channel already gets ${name}’s organisation summary. Nothing has changed.`,
    stoppedHere: (name: string) =>
      `Done. This channel will no longer get ${name}’s organisation summary. Partnership leads still get the organisation digest in their chat.`,
    notHere: (name: string) =>
      `This channel does not get ${name}’s organisation summary, so there was nothing to stop.`,
    noOrganisation:
      'There is no organisation unit yet. Ask an admin to add your organisation as a unit first: they type “units” in their chat with me.',
    unclear:
      'I cannot tell which organisation this channel is for. Ask an admin to put this team’s unit inside its organisation: they type “units” in their chat with me.',
    refusedWhat: 'choose where the organisation summary goes',
  },
};

export type Text = typeof enGB;
