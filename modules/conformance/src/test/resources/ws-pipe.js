// A pipe between the test and Node.js's ws client: each stdin line is hex bytes to send as one
// binary message ("close" starts the closing handshake); each message received is one stdout line
// "bin HEX" (or "text HEX"), then "close CODE" when the connection ends.
// Usage: node ws-pipe.js URL [CA_PEM_FILE]
const WebSocket = require('ws');
const fs = require('fs');
const readline = require('readline');
const [url, caFile] = process.argv.slice(2);
const ws = new WebSocket(url, caFile ? { ca: fs.readFileSync(caFile) } : {});
ws.binaryType = 'nodebuffer';
ws.on('open', () => {
  process.stdout.write('open\n');
  readline.createInterface({ input: process.stdin }).on('line', (line) => {
    if (line === 'close') {
      ws.close(1000);
    } else {
      ws.send(Buffer.from(line, 'hex'), { binary: true });
    }
  });
});
ws.on('message', (data, isBinary) => {
  process.stdout.write((isBinary ? 'bin ' : 'text ') + data.toString('hex') + '\n');
});
ws.on('close', (code) => {
  process.stdout.write('close ' + code + '\n');
  process.exit(0);
});
ws.on('error', (e) => {
  process.stdout.write('error ' + e.message + '\n');
  process.exit(1);
});
