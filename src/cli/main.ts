import { startCli } from './cli-main.js';

/**
 * The CLI entry (dist/skyql.js). The subcommands are loaded only when needed: a run of `skyql exec`
 * loads the exec command's code and nothing of the shell, server, docs or emulator (start-up time is
 * a measured target).
 */
startCli({
  exec: async () => (await import('./commands/exec-command.js')).execCommand,
  registry: async () => (await import('./commands/registry-command.js')).registryCommand,
  shell: async () => (await import('./commands/shell-command.js')).shellCommand,
  srv: async () => (await import('./commands/srv-command.js')).srvCommand,
  docs: async () => (await import('./commands/docs-command.js')).docsCommand,
  emulator: async () => (await import('./commands/emulator-command.js')).emulatorCommand,
  mcp: async () => (await import('./commands/mcp-command.js')).mcpCommand,
});
