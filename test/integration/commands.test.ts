// package.json, the command-id module and the registered commands agree; the palette shows only what works there.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { COMMAND_IDS, NODE_ONLY_COMMANDS } from '../../src/commands/commandIds';
import { EXTENSION_ID, coreApi } from './coreSupport';

interface ContributedCommand {
  command: string;
  title: string;
  category?: string;
}

interface Contributions {
  commands: ContributedCommand[];
  menus: { commandPalette?: { command: string; when?: string }[] } & Record<string, { command: string }[]>;
}

function contributions(): Contributions {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is loaded`);
  const packageJson = extension.packageJSON as { contributes: Contributions };
  return packageJson.contributes;
}

const sorted = (values: Iterable<string>): string[] => [...values].sort();

describe('commands', () => {
  let registered: string[];

  before(async () => {
    await coreApi();
    registered = (await vscode.commands.getCommands(true)).filter((id) => id.startsWith('iscExplorer.'));
  });

  it('every contributed command is registered', () => {
    const missing = contributions().commands.map((c) => c.command).filter((id) => !registered.includes(id));
    assert.deepStrictEqual(missing, []);
  });

  it('every registered command is contributed', () => {
    const contributed = new Set(contributions().commands.map((c) => c.command));
    assert.deepStrictEqual(registered.filter((id) => !contributed.has(id)), []);
  });

  it('the command-id module lists exactly the contributed commands', () => {
    assert.deepStrictEqual(sorted(Object.values(COMMAND_IDS)), sorted(contributions().commands.map((c) => c.command)));
  });

  it('every command has a category', () => {
    assert.deepStrictEqual(contributions().commands.filter((c) => !c.category).map((c) => c.command), []);
  });

  it('node-only commands are hidden from the Command Palette, and nothing else is', () => {
    const hidden = (contributions().menus.commandPalette ?? []).filter((entry) => entry.when === 'false').map((entry) => entry.command);
    assert.deepStrictEqual(sorted(hidden), sorted(NODE_ONLY_COMMANDS));
  });

  it('menus name only contributed commands', () => {
    const { commands, menus } = contributions();
    const contributed = new Set(commands.map((c) => c.command));
    const unknown = Object.values(menus).flatMap((entries) => entries.map((entry) => entry.command)).filter((id) => !contributed.has(id));
    assert.deepStrictEqual(unknown, []);
  });
});
