// s3rver ships no types; test/helpers/servers.ts describes the little of it the tests use.
declare module 's3rver';
