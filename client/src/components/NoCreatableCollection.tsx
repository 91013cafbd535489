/** Props of NoCreatableCollection. */
export interface NoCreatableCollectionProps {
  titleId: string;
  onClose: () => void;
}

/** The new post dialog's body when the site's schema allows new entries in no collection. */
export function NoCreatableCollection({ titleId, onClose }: NoCreatableCollectionProps) {
  return (
    <>
      <h2 id={titleId}>New post</h2>
      <div className="dialog-body">
        <p>
          The site’s schema allows no new entries in any of its collections: each has{' '}
          <code>create: false</code> (Decap’s default when <code>create</code> is not set). Existing
          entries can still be edited.
        </p>
        <p className="dialog-note">
          An admin allows them by setting <code>create: true</code> on a collection in the schema
          file (Settings → Schema names it).
        </p>
      </div>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </>
  );
}
