import { MediaLibrary } from '../components/MediaLibrary.tsx';
import { useAccess } from '../hooks/useAccess.ts';
import { usePageTitle } from '../hooks/usePageTitle.ts';
import '../styles/media.css';

/** The media library page (/media): every image of the site, upload, rename, delete, uses. */
export default function MediaPage() {
  usePageTitle('Media');
  const access = useAccess();
  return (
    <div className="media-page">
      <div className="page-head">
        <h1>Media</h1>
      </div>
      <MediaLibrary canChange={access.has('entry.edit')} />
    </div>
  );
}
