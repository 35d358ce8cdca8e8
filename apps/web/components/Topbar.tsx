'use client';
import {
  Button,
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@argus/ui';
import { LogOutIcon, SearchIcon, UserIcon } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { api, signOutLocally } from '@/lib/api';
import { refreshTokenStore, useAuthStore } from '@/stores/auth-store';
import { usePaletteStore } from '@/stores/palette-store';
import { AssistantToggle } from './assistant/Assistant';
import { NotificationBell } from './notifications/NotificationBell';
import { ThemeToggle } from './ThemeToggle';

export function Topbar() {
  const router = useRouter();
  const user = useAuthStore((s) => s.user);
  const openPalette = usePaletteStore((s) => s.setOpen);
  const logout = async () => {
    const refresh_token = refreshTokenStore.get();
    await api('/api/auth/logout', { method: 'POST', body: refresh_token ? { refresh_token } : {} }).catch(
      () => undefined,
    );
    signOutLocally();
    router.replace('/login');
  };
  return (
    <header className="flex h-12 shrink-0 items-center gap-2 border-b px-4">
      <Button
        variant="outline"
        size="sm"
        className="w-72 justify-start text-muted-foreground"
        onClick={() => openPalette(true)}
        aria-label="Search and commands (Ctrl+K)"
      >
        <SearchIcon aria-hidden="true" /> Search…
        <kbd className="ml-auto rounded border px-1 text-[10px]">Ctrl K</kbd>
      </Button>
      <div className="ml-auto flex items-center gap-1">
        <AssistantToggle />
        <NotificationBell />
        <ThemeToggle />
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button variant="ghost" size="sm" aria-label="Account menu">
              <UserIcon aria-hidden="true" /> {user?.name ?? user?.email ?? 'Account'}
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="end">
            <DropdownMenuLabel>{user?.email}</DropdownMenuLabel>
            <DropdownMenuSeparator />
            <DropdownMenuItem onSelect={() => void logout()}>
              <LogOutIcon aria-hidden="true" /> Sign out
            </DropdownMenuItem>
          </DropdownMenuContent>
        </DropdownMenu>
      </div>
    </header>
  );
}
