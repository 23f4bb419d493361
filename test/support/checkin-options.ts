// The check-in settings the services need, as a default installation has them: the built-in catalogue and
// bank holidays, and the default weekly schedule in London time.
import { loadCatalogue, loadHolidays } from '../../src/reference-data.js';
import { cronSchedule } from '../../src/scheduler/checkin-schedule.js';

export const catalogue = loadCatalogue();
export const holidays = new Set(loadHolidays().dates);
export const defaultCrons = {
  checkinOpens: '0 9 * * 1',
  checkinNudge: '0 12 * * 3',
  checkinCloses: '59 23 * * 0',
};
export const checkinOptions = {
  catalogue,
  holidays,
  schedule: cronSchedule(defaultCrons, 'Europe/London'),
  timeZone: 'Europe/London',
};
