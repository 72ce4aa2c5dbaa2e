import { lazy, Suspense } from 'react';
import { Spin } from 'antd';
import { useNav } from './nav';
import { PostList } from '../screens/posts/PostList';

// The first screen loads with the shell; the others load when first opened.
const PostEditor = lazy(() => import('../screens/posts/PostEditor').then((m) => ({ default: m.PostEditor })));
const TemplateLibrary = lazy(() => import('../screens/templates/TemplateLibrary').then((m) => ({ default: m.TemplateLibrary })));
const TemplateDetail = lazy(() => import('../screens/templates/TemplateDetail').then((m) => ({ default: m.TemplateDetail })));
const ReviewQueue = lazy(() => import('../screens/review/ReviewQueue').then((m) => ({ default: m.ReviewQueue })));
const ReviewItem = lazy(() => import('../screens/review/ReviewItem').then((m) => ({ default: m.ReviewItem })));
const StoreTable = lazy(() => import('../screens/stores/StoreTable').then((m) => ({ default: m.StoreTable })));
const GroupTypes = lazy(() => import('../screens/groups/GroupTypes').then((m) => ({ default: m.GroupTypes })));
const BrandKit = lazy(() => import('../screens/brand/BrandKit').then((m) => ({ default: m.BrandKit })));
const ResultsScreen = lazy(() => import('../screens/results/ResultsScreen').then((m) => ({ default: m.ResultsScreen })));
const CalendarScreen = lazy(() => import('../screens/calendar/CalendarScreen').then((m) => ({ default: m.CalendarScreen })));
const ExportScreen = lazy(() => import('../screens/export/ExportScreen').then((m) => ({ default: m.ExportScreen })));

/** The screen for the current route. */
export function Screen() {
  const { route } = useNav();
  return (
    <Suspense fallback={<Spin className="screen-spin" />}>
      {(() => {
        switch (route.screen) {
          case 'posts':
            return <PostList />;
          case 'post':
            return <PostEditor key={route.id} id={route.id} />;
          case 'templates':
            return <TemplateLibrary />;
          case 'template':
            return <TemplateDetail key={route.id} id={route.id} />;
          case 'review':
            return <ReviewQueue />;
          case 'reviewItem':
            return <ReviewItem key={`${route.template}@${route.version}`} template={route.template} version={route.version} />;
          case 'stores':
            return <StoreTable />;
          case 'groups':
            return <GroupTypes />;
          case 'brand':
            return <BrandKit />;
          case 'export':
            return <ExportScreen />;
          case 'results':
            return <ResultsScreen />;
          case 'calendar':
            return <CalendarScreen />;
        }
      })()}
    </Suspense>
  );
}
