export { enGB as text, type Text } from './en-GB.js';
