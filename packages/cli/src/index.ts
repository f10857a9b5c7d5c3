export { runCli, COMMANDS } from './run-cli.js';
export { nodeIo, UsageError, type CliIo } from './cli-io.js';
export { validateFolder, type FileIssue, type FolderValidation } from './validate-folder.js';
export { readPackFolder, writePackFolder, PackFolderError, type PackFolder } from './pack-folder.js';
