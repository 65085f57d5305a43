import { describe, expect, it } from 'vitest';
import { ConfigurationError, readEnvironment } from '../../src/config/env.js';
import { queryLimitsFromEnvironment } from '../../src/server/limits.js';
import { trafficLimitsFromEnvironment } from '../../src/server/traffic.js';

describe('limits from the environment', () => {
  it('leaves unset limits to their defaults', () => {
    const env = readEnvironment({});
    expect(queryLimitsFromEnvironment(env)).toEqual({});
    expect(trafficLimitsFromEnvironment(env)).toEqual({});
  });

  it('reads every limit, 0 turning the traffic limits off', () => {
    const env = readEnvironment({
      MAX_QUERY_DEPTH: '8',
      MAX_QUERY_COST: '5000',
      MAX_ALIASES: '3',
      MAX_TOKENS: '900',
      MAX_DIRECTIVES: '4',
      MAX_BODY_BYTES: '1024',
      GRAPHQL_INTROSPECTION: 'true',
      GRAPHQL_FIELD_SUGGESTIONS: 'false',
      RATE_LIMIT_PER_MINUTE: '0',
      ANONYMOUS_RATE_LIMIT_PER_MINUTE: '60',
      MAX_CONNECTIONS_PER_KEY: '4',
      MAX_SUBSCRIPTIONS_PER_CONNECTION: '10',
      TRUST_PROXY: 'true',
    });
    expect(queryLimitsFromEnvironment(env)).toEqual({
      maxDepth: 8,
      maxCost: 5000,
      maxAliases: 3,
      maxTokens: 900,
      maxDirectives: 4,
      maxBodyBytes: 1024,
      introspection: true,
      fieldSuggestions: false,
    });
    expect(trafficLimitsFromEnvironment(env)).toEqual({
      keyRequestsPerMinute: 0,
      anonymousRequestsPerMinute: 60,
      connectionsPerKey: 4,
      subscriptionsPerConnection: 10,
      trustProxy: true,
    });
  });

  it('refuses nonsense, naming every variable at fault', () => {
    const bad = { MAX_QUERY_DEPTH: '0', RATE_LIMIT_PER_MINUTE: '-1', TRUST_PROXY: 'yes', MAX_TOKENS: 'lots' };
    expect(() => readEnvironment(bad)).toThrow(ConfigurationError);
    const message = (() => {
      try {
        readEnvironment(bad);
        return 'accepted';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toMatch(/MAX_QUERY_DEPTH must be above 0/);
    expect(message).toMatch(/RATE_LIMIT_PER_MINUTE must be 0 \(no limit\) or more/);
    expect(message).toMatch(/TRUST_PROXY must be true or false/);
    expect(message).toMatch(/MAX_TOKENS must be a whole number/);
  });
});
