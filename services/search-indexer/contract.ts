/**
 * What the orchestrator (scripts/) may know of the search-indexer: how the search index
 * is named and laid out, how its state is read and judged, how lag is measured, how a
 * change event and a database row become a document. Everything else in this folder is
 * the indexer's own and may change without notice; test/unit/static/service-contracts.test.ts
 * fails on any import from scripts/ or web/ that goes around this module.
 */
export { decodeChange, readChangeMessage, type ChangeAction, type ChangeKey, type ChangeMessage, type DecodedChange } from './change-event.ts';
export { computeLag, fetchLag, type ConsumerLag, type PartitionLag } from './consumer-lag.ts';
export { DEFAULT_REFRESH_INTERVAL, REFRESH_INTERVAL } from './config.ts';
export { createVersionedIndex, type IndexDefinition } from './ensure-index.ts';
export { roomNightRowToDocument, roomTypeRowToDocument } from './availability-change.ts';
export { REINDEX_FIX, resolveTargets, type AliasRow, type IndexTargets } from './index-targets.ts';
export { PoisonMessageError, rowToDocument } from './row-to-document.ts';
export { hasConcreteIndexAtAlias, readSearchIndexState, unaliasedVersionedIndices, type SearchIndexState } from './search-index-state.ts';
export { autoCreateIndexSetting, nextVersionedIndex, searchIndexNames, type SearchIndexNames } from '../lib/search-index-names.ts';
export { hotelIndexDefinition } from '../lib/hotel-document.ts';
export {
  availabilityDocumentId,
  availabilityIndexDefinition,
  roomNightDocumentId,
  type AvailabilityDocument,
  type RoomNightDocument,
  type RoomTypeDocument,
} from '../lib/availability-document.ts';
