// Page script of the client detail panel; all rendering is shared (common.ts), the host decides the content.
import { start } from './common';

start();
