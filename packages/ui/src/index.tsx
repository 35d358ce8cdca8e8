// @argus/ui: shadcn-style primitives written by hand on radix-ui, cva, clsx, tailwind-merge and lucide-react.
// Theme tokens: import '@argus/ui/theme.css' once (light by default, `.dark` on <html> for dark).
// Also the presentational pieces the web UI and the plugins share (no Argus data fetching here; the
// data-bound ones are in @argus/plugin-sdk/frontend): DataTable, StatusBadge, HealthBadge, ConditionsTable,
// YamlView/YamlEditor, EventsView, RelatedObjectsView.
export * from './Alert';
export * from './Badge';
export * from './Button';
export * from './Card';
export * from './Command';
export * from './ConditionsTable';
export * from './ConfirmDialog';
export * from './cn';
export * from './DataTable';
export * from './Dialog';
export * from './DropdownMenu';
export * from './EventsView';
export * from './format';
export * from './HealthBadge';
export * from './Input';
export * from './Label';
export * from './LineChart';
export * from './RelatedObjectsView';
export * from './Select';
export * from './Skeleton';
export * from './StatusBadge';
export * from './Table';
export * from './Tabs';
export * from './Textarea';
export * from './Tooltip';
export * from './YamlEditor';
export * from './YamlView';
