// Page script of the user detail panel; all rendering is shared (common.ts), the host decides the content.
import { start } from './common';

start();
