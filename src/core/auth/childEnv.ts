/**
 * The environment for `databricks` child processes. Every DATABRICKS_* variable is dropped: a
 * stray DATABRICKS_HOST / DATABRICKS_TOKEN / DATABRICKS_AUTH_TYPE in VS Code's environment
 * conflicts with `--profile` ("more than one authorization method configured", cli#1194,
 * cli#5096, cli#5616). Everything else (PATH, HOME, proxies, keyring/D-Bus variables) is kept,
 * since the CLI needs it to reach the network and the OS keyring.
 *
 * One deliberate exception: when our config file is not the default `~/.databrickscfg`, we set
 * DATABRICKS_CONFIG_FILE to it, or the CLI would look for the profile in another file.
 */
export function cleanChildEnv(base: NodeJS.ProcessEnv, configFile?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) {
    if (/^DATABRICKS_/i.test(key)) continue;
    env[key] = value;
  }
  if (configFile) env.DATABRICKS_CONFIG_FILE = configFile;
  return env;
}
