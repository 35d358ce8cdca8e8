import { create } from 'zustand';

/** Whether the panel is open and which conversation it shows (kept across page changes). */
interface AssistantState {
  open: boolean;
  conversationId: string | null;
  setOpen(open: boolean): void;
  setConversation(id: string | null): void;
}

export const useAssistantStore = create<AssistantState>((set) => ({
  open: false,
  conversationId: null,
  setOpen: (open) => set({ open }),
  setConversation: (conversationId) => set({ conversationId }),
}));
