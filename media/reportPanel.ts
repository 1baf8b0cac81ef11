// Page script of the timeline and "why it expires" panels: the shared detail-panel renderer (common.ts);
// the host decides the content.
import { start } from './common';

start();
