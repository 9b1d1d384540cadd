import { startNodeMock } from './node';

const port = Number(process.env.PORT ?? 4010);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, not ${JSON.stringify(process.env.PORT)}`);
  process.exit(2);
}

async function main(): Promise<void> {
  const mock = await startNodeMock({ host: process.env.HOST ?? '127.0.0.1', port });
  console.log(`DataStack sandbox listening on ${mock.url} (GET ${mock.url}/sandbox lists the seeded credentials)`);

  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      mock.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

main().catch((error: unknown) => {
  const code = (error as { code?: string }).code;
  console.error(
    code === 'EADDRINUSE'
      ? `Port ${port} is already in use: stop the other server, or choose another port with PORT=<number> npm run mock.`
      : error,
  );
  process.exit(1);
});
