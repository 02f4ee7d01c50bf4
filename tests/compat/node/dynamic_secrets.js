// Runs one call of @infisical/sdk's dynamicSecrets() against INFISICAL_URL and prints the
// answer as JSON: `node dynamic_secrets.js <call> '<json options>' [leaseId or name]`.
// Logs in with universal auth (INFISICAL_CLIENT_ID / INFISICAL_CLIENT_SECRET) every time.
const { InfisicalSDK } = require("@infisical/sdk");

async function main() {
  const [call, json, target] = process.argv.slice(2);
  const options = JSON.parse(json || "{}");
  const client = new InfisicalSDK({ siteUrl: process.env.INFISICAL_URL });
  await client.auth().universalAuth.login({
    clientId: process.env.INFISICAL_CLIENT_ID,
    clientSecret: process.env.INFISICAL_CLIENT_SECRET,
  });
  const ds = client.dynamicSecrets();
  const calls = {
    create: () => ds.create(options),
    delete: () => ds.delete(target, options),
    leaseCreate: () => ds.leases.create(options),
    leaseRenew: () => ds.leases.renew(target, options),
    leaseDelete: () => ds.leases.delete(target, options),
  };
  process.stdout.write(JSON.stringify(await calls[call]()));
}

main().catch((err) => {
  process.stderr.write(`${err.name}: ${err.message}\n`);
  process.exit(1);
});
