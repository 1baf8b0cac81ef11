// Entry point of the language server bundle (dist/server.js). The extension starts it over IPC; tests
// spawn it with --stdio. createConnection picks the transport from the command line.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './startServer';

startServer(createConnection(ProposedFeatures.all));
