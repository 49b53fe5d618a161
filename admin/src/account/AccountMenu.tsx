import LockResetIcon from '@mui/icons-material/LockReset';
import { Chip, ListItemIcon, ListItemText, MenuItem } from '@mui/material';
import { forwardRef } from 'react';
import { Logout, UserMenu, useGetIdentity, useTranslate, useUserMenu } from 'react-admin';
import { Link } from 'react-router-dom';

const ChangePasswordItem = forwardRef<HTMLAnchorElement>((props, ref) => {
  const translate = useTranslate();
  const userMenu = useUserMenu();
  return (
    <MenuItem
      ref={ref}
      component={Link}
      to="/account/password"
      onClick={() => userMenu?.onClose()}
      data-testid="menu-change-password"
      {...props}
    >
      <ListItemIcon>
        <LockResetIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText>{translate('wz.account.change_password')}</ListItemText>
    </MenuItem>
  );
});
ChangePasswordItem.displayName = 'ChangePasswordItem';

/** The app bar's user menu: change password and sign out (react-admin's Logout). */
export const AccountMenu = () => (
  <UserMenu>
    <ChangePasswordItem />
    <Logout />
  </UserMenu>
);

/** The signed-in user's name and role, shown in the app bar. */
export function WhoAmI() {
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  if (!identity) return null;
  const role = (identity as any).role as string | undefined;
  return (
    <Chip
      data-testid="whoami"
      size="small"
      variant="outlined"
      sx={{ color: 'inherit', borderColor: 'rgba(255,255,255,0.6)', mr: 1, display: { xs: 'none', sm: 'inline-flex' } }}
      label={`${identity.fullName ?? (identity as any).username} · ${role ? translate(`wz.roles.${role}`, { _: role }) : ''}`}
    />
  );
}
