// @argus/ui: shadcn-style primitives written by hand on radix-ui, cva, clsx, tailwind-merge and lucide-react.
// Theme tokens: import '@argus/ui/theme.css' once (light by default, `.dark` on <html> for dark).
export * from './Alert';
export * from './Badge';
export * from './Button';
export * from './Card';
export * from './Command';
export * from './ConfirmDialog';
export * from './cn';
export * from './Dialog';
export * from './DropdownMenu';
export * from './Input';
export * from './Label';
export * from './LineChart';
export * from './Select';
export * from './Skeleton';
export * from './Table';
export * from './Tabs';
export * from './Textarea';
export * from './Tooltip';
