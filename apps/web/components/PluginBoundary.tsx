'use client';
import { Component, type ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert';

/** Keeps a plugin's failing page or widget inside its own box: the rest of the page goes on working. */
export class PluginBoundary extends Component<{ pluginId: string; children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (this.state.error)
      return <ErrorAlert error={this.state.error} title={`The ${this.props.pluginId} plugin failed to draw this`} />;
    return this.props.children;
  }
}
