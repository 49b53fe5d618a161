/** The phone layout (≤ 600 px wide): the map fitted, panels as bottom sheets, large touch targets. */
export const PHONE_QUERY = '(max-width: 600px)';
export const isPhone = () => typeof window !== 'undefined' && window.matchMedia?.(PHONE_QUERY).matches === true;
