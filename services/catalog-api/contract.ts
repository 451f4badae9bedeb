/**
 * What the orchestrator (scripts/) and the front end (web/) may know of catalog-api: the
 * shapes its endpoints answer with, its CORS rule (the dev server's proxy applies the same
 * one), and the shutdown timings Kubernetes sizes a pod's grace period from. Everything else
 * in this folder is the service's own; test/unit/static/service-contracts.test.ts fails on
 * any import from scripts/ or web/ that goes around this module.
 */
export type { ApiInfo, DatabaseEngine } from './database-engine.ts';
export type { FieldError } from '../kit/http-error.ts';
export { createCorsPolicy, decideCors, type CorsDecision, type CorsPolicy } from '../kit/cors.ts';
export { DEFAULT_BODY_LIMIT_BYTES, DEFAULT_DRAIN_TIMEOUT_MS, SHUTDOWN_DEADLINE_MARGIN_MS } from './config.ts';
