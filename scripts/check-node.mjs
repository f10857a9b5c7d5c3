// Fails early with a clear sentence instead of an obscure syntax or engine error on an old Node.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 10)) {
  console.error(`Baton needs Node.js 20.10 or newer (found ${process.versions.node}). Install Node 20 LTS or later and run again.`);
  process.exit(1);
}
