/** Discord permission bits (https://discord.com/developers/docs/topics/permissions), as bigint. */
export const Perm = {
  CreateInstantInvite: 1n << 0n,
  KickMembers: 1n << 1n,
  BanMembers: 1n << 2n,
  Administrator: 1n << 3n,
  ManageChannels: 1n << 4n,
  ManageGuild: 1n << 5n,
  AddReactions: 1n << 6n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  ManageMessages: 1n << 13n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  MentionEveryone: 1n << 17n,
  UseApplicationCommands: 1n << 31n,
  ManageThreads: 1n << 34n,
  CreatePublicThreads: 1n << 35n,
  CreatePrivateThreads: 1n << 36n,
  SendMessagesInThreads: 1n << 38n,
} as const;

/** Every permission bit Discord currently defines (bits 0..50). */
export const ALL_PERMISSIONS = (1n << 51n) - 1n;

/** What a freshly invited bot typically gets from its managed role. */
export const DEFAULT_BOT_PERMISSIONS =
  Perm.ViewChannel |
  Perm.SendMessages |
  Perm.EmbedLinks |
  Perm.ReadMessageHistory |
  Perm.SendMessagesInThreads |
  Perm.CreatePublicThreads |
  Perm.UseApplicationCommands;

/** What an ordinary member can do in a default server (view, talk, read history, use commands). */
export const DEFAULT_MEMBER_PERMISSIONS =
  Perm.ViewChannel |
  Perm.SendMessages |
  Perm.AddReactions |
  Perm.EmbedLinks |
  Perm.ReadMessageHistory |
  Perm.SendMessagesInThreads |
  Perm.UseApplicationCommands;

/** Accepts bigint, number or decimal string bitfields as tests find convenient. */
export function toBits(value: bigint | number | string): bigint {
  return typeof value === "bigint" ? value : BigInt(value);
}

export function hasPerm(bits: bigint, perm: bigint): boolean {
  return (bits & Perm.Administrator) === Perm.Administrator || (bits & perm) === perm;
}

export interface Overwrite {
  id: string;
  /** 0 role, 1 member */
  type: 0 | 1;
  allow: bigint;
  deny: bigint;
}

/** Discord's documented algorithm: base from roles, then @everyone, role and member overwrites. */
export function computePermissions(input: {
  guildId: string;
  ownerId: string;
  userId: string;
  memberRoleIds: readonly string[];
  rolePermissions: ReadonlyMap<string, bigint>;
  overwrites?: readonly Overwrite[];
}): bigint {
  if (input.userId === input.ownerId) return ALL_PERMISSIONS;
  let base = input.rolePermissions.get(input.guildId) ?? 0n;
  for (const roleId of input.memberRoleIds) base |= input.rolePermissions.get(roleId) ?? 0n;
  if ((base & Perm.Administrator) !== 0n) return ALL_PERMISSIONS;
  if (input.overwrites === undefined) return base;

  let perms = base;
  const everyone = input.overwrites.find((o) => o.type === 0 && o.id === input.guildId);
  if (everyone) perms = (perms & ~everyone.deny) | everyone.allow;
  let allow = 0n;
  let deny = 0n;
  for (const o of input.overwrites) {
    if (o.type === 0 && o.id !== input.guildId && input.memberRoleIds.includes(o.id)) {
      allow |= o.allow;
      deny |= o.deny;
    }
  }
  perms = (perms & ~deny) | allow;
  const member = input.overwrites.find((o) => o.type === 1 && o.id === input.userId);
  if (member) perms = (perms & ~member.deny) | member.allow;
  // Without ViewChannel nothing else in the channel is usable.
  return (perms & Perm.ViewChannel) === 0n ? 0n : perms;
}
