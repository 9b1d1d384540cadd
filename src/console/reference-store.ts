/**
 * The small Redux store the theme's reference components (endpoint line, schema tabs, media type
 * tabs) read from. The console itself keeps its own state; it only tells this store which server
 * it targets, so the endpoint line under the page title shows the same base URL.
 */
import { configureStore, createSlice, type PayloadAction } from '@reduxjs/toolkit';
import accept from '@theme/ApiExplorer/Accept/slice';
import contentType from '@theme/ApiExplorer/ContentType/slice';
import schemaSelection from '@theme/ApiExplorer/SchemaSelection/slice';

import type { ApiItem } from './api-item';

interface ServerState {
  value?: { url: string };
  options: { url: string }[];
}

const server = createSlice({
  name: 'server',
  initialState: { options: [] } as ServerState,
  reducers: {
    showServer: (state, action: PayloadAction<string>) => {
      state.value = { url: action.payload };
    },
  },
});

export const { showServer } = server.actions;

const isSuccess = (status: string): boolean => /^2\d\d$/.test(status);

export function createReferenceStore(api: ApiItem | undefined) {
  const acceptOptions = Object.entries(api?.responses ?? {})
    .filter(([status]) => isSuccess(status))
    .flatMap(([, response]) => Object.keys((response as { content?: object }).content ?? {}));
  const contentTypes = Object.keys(api?.requestBody?.content ?? {});
  return configureStore({
    reducer: { accept, contentType, schemaSelection, server: server.reducer },
    preloadedState: {
      accept: { value: acceptOptions[0] ?? '', options: acceptOptions },
      contentType: { value: contentTypes[0] ?? '', options: contentTypes },
      schemaSelection: { selections: {} },
      server: { options: api?.servers ?? [] },
    },
  });
}

export type ReferenceStore = ReturnType<typeof createReferenceStore>;
